/** Decode and prefill speed from bytes per token over effective bandwidth and FLOPs over effective compute, with a band and a stated basis. */
package dev.runyard.core.speed;

/**
 * The accelerator database, hardware names as people write them, parsers for probe outputs (nvidia-smi, rocm-smi,
 * system_profiler, sysfs), and the closed sets they are parsed into: {@link dev.runyard.core.hardware.GpuVendor} and
 * the llama.cpp {@link dev.runyard.core.hardware.Backend}. Running the probes lives in the app.
 */
package dev.runyard.core.hardware;

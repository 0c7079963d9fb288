/** The accelerator database, hardware names as people write them, and parsers for probe outputs (nvidia-smi, rocm-smi, system_profiler, sysfs). Running the probes lives in the app. */
package dev.runyard.core.hardware;

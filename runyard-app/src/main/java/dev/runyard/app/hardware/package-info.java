/** Running the hardware probes on this machine (nvidia-smi, rocm-smi, system_profiler, sysfs, OSHI); never throws. */
package dev.runyard.app.hardware;

/**
 * One home for hardware: running the probes on this machine (nvidia-smi, rocm-smi, system_profiler, sysfs, OSHI;
 * never throws), and turning flags ({@code --gpu}, {@code --gpus}, {@code --ram}) or detection into the
 * {@link dev.runyard.core.plan.Machine} a plan uses ({@link dev.runyard.app.hardware.MachineResolver}, cached for the
 * server by {@link dev.runyard.app.hardware.MachineSource}).
 */
package dev.runyard.app.hardware;

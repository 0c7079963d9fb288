package dev.runyard.app.hardware;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the hardware a request names into a machine. Without a GPU the request means "this machine", the one the
 * server runs on; its detection is done once per RAM override and kept (so is the RAM detected for {@code gpu=none}).
 */
@FunctionalInterface
public interface MachineSource {
    MachineResolver.Resolved resolve(String gpu, Integer gpus, Long ramBytes);

    /** {@link MachineResolver} with detection cached (at most 16 RAM overrides). */
    static MachineSource cachedDetection() {
        Map<String, MachineResolver.Resolved> detected = new ConcurrentHashMap<>();
        return (gpu, gpus, ram) -> {
            boolean cpuOnly = MachineResolver.isNoGpu(gpu) && gpus == null;
            if (gpu != null && !(cpuOnly && ram == null)) {
                return MachineResolver.resolve(gpu, gpus, ram);
            }
            String key = (cpuOnly ? "cpu|" : "") + ram;
            MachineResolver.Resolved r = detected.get(key);
            if (r == null) {
                r = MachineResolver.resolve(cpuOnly ? MachineResolver.NO_GPU : null, null, ram);
                if (detected.size() < 16) {
                    detected.put(key, r);
                }
            }
            return r;
        };
    }
}

package dev.runyard.app.web;

import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.units.ByteSize;
import io.javalin.http.Context;

/**
 * The hardware a request asks about: {@code gpu} (as {@code --gpu} takes it; {@code none} for CPU only), {@code gpus},
 * {@code ram} (as {@code --ram} takes it: 64 is GiB, 64GB is 10^9 bytes), or a saved {@code rig}; {@code here=1} (or
 * no GPU at all) means the machine the server runs on.
 */
record HardwareQuery(String gpu, Integer gpus, Long ramBytes, String rig, boolean given) {
    static HardwareQuery of(Context ctx, RigStore rigs) {
        String gpu = Params.str(ctx, "gpu");
        Integer gpus = Params.integer(ctx, "gpus", 1, 1024);
        Long ram = Params.ram(ctx, "ram");
        String rigName = Params.str(ctx, "rig");
        if (rigName != null && gpu == null && ram == null) {
            Rig rig = rigs.find(rigName).orElse(null);
            if (rig != null) {
                // A rig without a GPU is a CPU-only machine, not the server's.
                String rigGpu = rig.gpu() == null ? MachineResolver.NO_GPU : rig.gpu();
                Long rigRam = rig.ramGb() == null ? null : ByteSize.ofGiB(rig.ramGb()).bytes();
                return new HardwareQuery(rigGpu, gpus, rigRam, rig.name(), true);
            }
        }
        if (Params.flag(ctx, "here")) {
            return new HardwareQuery(null, null, ram, null, true);
        }
        return new HardwareQuery(gpu, gpus, ram, null, gpu != null || ram != null);
    }

    /** RAM in GiB for the form field, or null. */
    Double ramGib() {
        return ramBytes == null ? null : ramBytes / (double) ByteSize.GIB;
    }

    String key() {
        return gpu + "|" + gpus + "|" + ramBytes;
    }
}

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
        if (rigName != null) {
            Rig rig = rigs.find(rigName).orElse(null);
            if (rig != null) {
                // A rig without a GPU is a CPU-only machine, not the server's.
                String rigGpu = rig.gpu() == null ? MachineResolver.NO_GPU : rig.gpu();
                Long rigRam = rig.ramGb() == null ? null : ByteSize.ofGiB(rig.ramGb()).bytes();
                if (gpu == null && ram == null) {
                    return new HardwareQuery(rigGpu, gpus, rigRam, rig.name(), true);
                }
                // A field typed over a chosen rig changes that field only: the rest of the rig stays.
                return new HardwareQuery(gpu != null ? gpu : rigGpu, gpus, ram != null ? ram : rigRam, null, true);
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

    /**
     * The query string that carries this hardware to another page ("gpu=RTX+4090&gpus=2&ram=64"; "rig=name" for a
     * saved rig; "here=1" for the server's machine), or "" when none was given. RAM is written in GiB, exactly.
     */
    String query() {
        if (!given) {
            return "";
        }
        if (rig != null) {
            return "rig=" + Html.url(rig);
        }
        StringBuilder sb = new StringBuilder();
        if (gpu == null) {
            sb.append("here=1");
        } else {
            sb.append("gpu=").append(Html.url(gpu));
        }
        if (gpus != null) {
            sb.append("&gpus=").append(gpus);
        }
        if (ramBytes != null) {
            sb.append("&ram=").append(ramBytes % ByteSize.GIB == 0 ? String.valueOf(ramBytes / ByteSize.GIB)
                    : new java.math.BigDecimal(ramBytes).divide(java.math.BigDecimal.valueOf(ByteSize.GIB))
                    .stripTrailingZeros().toPlainString());
        }
        return sb.toString();
    }

    /** {@code href} with this hardware appended to its query. */
    String carry(String href) {
        String q = query();
        return q.isEmpty() ? href : href + (href.contains("?") ? "&" : "?") + q;
    }

    String key() {
        return gpu + "|" + gpus + "|" + ramBytes;
    }
}

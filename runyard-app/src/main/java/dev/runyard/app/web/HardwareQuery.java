package dev.runyard.app.web;

import io.javalin.http.Context;

/**
 * The hardware a request asks about: {@code gpu} (as {@code --gpu} takes it), {@code gpus}, {@code ram} in GB, or a
 * saved {@code rig}; {@code here=1} (or no GPU at all) means the machine the server runs on.
 */
record HardwareQuery(String gpu, Integer gpus, Double ramGb, String rig, boolean given) {
    static HardwareQuery of(Context ctx, RigStore rigs) {
        String gpu = Params.str(ctx, "gpu");
        Integer gpus = Params.integer(ctx, "gpus", 1, 1024);
        Double ram = Params.decimal(ctx, "ram", 0.5, 65536);
        String rigName = Params.str(ctx, "rig");
        if (rigName != null && gpu == null && ram == null) {
            Rig rig = rigs.find(rigName).orElse(null);
            if (rig != null) {
                return new HardwareQuery(rig.gpu(), gpus, rig.ramGb(), rig.name(), true);
            }
        }
        if (Params.flag(ctx, "here")) {
            return new HardwareQuery(null, null, ram, null, true);
        }
        return new HardwareQuery(gpu, gpus, ram, null, gpu != null || ram != null);
    }

    String key() {
        return gpu + "|" + gpus + "|" + ramGb;
    }
}

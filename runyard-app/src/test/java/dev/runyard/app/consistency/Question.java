package dev.runyard.app.consistency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One question asked of every surface: a model on a machine with an engine, at a pinned quant and context.
 *
 * @param gpu  as --gpu takes it ("none" for CPU only)
 * @param ram  as --ram takes it, or null (assumed)
 */
record Question(String model, String gpu, String ram, String engine, String quant, long ctx) {
    List<String> hardwareArgs() {
        List<String> a = new ArrayList<>(List.of("--gpu", gpu));
        if (ram != null) {
            a.addAll(List.of("--ram", ram));
        }
        return a;
    }

    Map<String, String> hardwareParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("gpu", gpu);
        if (ram != null) {
            p.put("ram", ram);
        }
        return p;
    }

    @Override
    public String toString() {
        return model + " on " + gpu + (ram == null ? "" : " + " + ram + " GiB") + ", " + engine + " " + quant + " @ " + ctx;
    }
}

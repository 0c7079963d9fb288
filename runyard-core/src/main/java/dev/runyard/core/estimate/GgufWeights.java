package dev.runyard.core.estimate;

import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.gguf.GgufTensorInfo;
import java.util.Map;
import java.util.TreeMap;

/** Exact weight bytes of a real GGUF file, from its tensor infos (no prediction involved). */
public final class GgufWeights {
    private GgufWeights() {
    }

    public static WeightsEstimate of(GgufHeader h, int layerCount) {
        Map<String, Long> byType = new TreeMap<>();
        long total = 0;
        long embd = 0;
        long output = 0;
        long experts = 0;
        long hostInput = 0;
        String hostInputType = "";
        long[] perLayer = new long[Math.max(layerCount, maxLayer(h) + 1)];
        for (GgufTensorInfo t : h.tensors()) {
            long b = t.bytes();
            total += b;
            byType.merge(t.type().name(), b, Long::sum);
            if (t.name().contains("_exps")) {
                experts += b;
            }
            if (t.name().equals("token_embd.weight")) {
                embd = b;
            } else if (t.name().equals(WeightsEstimate.PER_LAYER_EMBEDDING)) {
                hostInput += b;
                hostInputType = t.type().name();
            } else if (t.layer() < 0) {
                output += b;
            } else {
                perLayer[t.layer()] += b;
            }
        }
        return new WeightsEstimate(total, byType, h.tensors().size(), embd, output, perLayer, experts,
                "exact tensor bytes read from " + h.source(), hostInput, hostInputType);
    }

    private static int maxLayer(GgufHeader h) {
        return h.tensors().stream().mapToInt(GgufTensorInfo::layer).max().orElse(-1);
    }
}

package dev.runyard.core.plan;

import dev.runyard.core.estimate.WeightsEstimate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the artifact registry's file sizes meet the estimate. An exact size (the Hub's byte count) replaces the
 * estimated total; a rounded size read from a page only checks it, and a plan says when the two disagree.
 */
final class RegistrySizes {
    /** Estimate and a rounded registry size further apart than this get a warning (page sizes round to 0.01 GB). */
    static final double DISAGREE = 0.03;

    private RegistrySizes() {
    }

    /**
     * {@code estimate} with every part scaled so the total is the file's {@code bytes}. The file also holds the GGUF
     * header and tokenizer (a few MB), so the total errs high by that much.
     */
    static WeightsEstimate scaled(WeightsEstimate estimate, long bytes, boolean exact, String repo) {
        double f = estimate.bytes() == 0 ? 1 : (double) bytes / estimate.bytes();
        long[] layers = estimate.layerBytes();
        for (int i = 0; i < layers.length; i++) {
            layers[i] = Math.round(layers[i] * f);
        }
        Map<String, Long> byType = new HashMap<>();
        estimate.bytesByType().forEach((k, v) -> byType.put(k, Math.round(v * f)));
        return new WeightsEstimate(bytes, byType, estimate.tensorCount(), Math.round(estimate.embeddingBytes() * f),
                Math.round(estimate.outputBytes() * f), layers, Math.round(estimate.expertBytes() * f),
                String.format(Locale.ROOT, "file size from the registry (%s, %,d bytes%s incl. GGUF metadata), split"
                        + " over the tensors as the estimate splits them (stock-rule estimate %+.1f%%)", repo, bytes,
                        exact ? "" : " as a page rounds it", (1 / f - 1) * 100),
                Math.round(estimate.hostInputBytes() * f), estimate.hostInputType());
    }

    /** A line for the plan's warnings: the size used, or the registry's rounded size when it disagrees. */
    static String note(Artifact a, WeightsEstimate used, boolean exactFromRegistry) {
        if (a.registryFile() == null) {
            return null;
        }
        if (a.registryFile().bytes() == null) {
            return a.registryFile().quant().toUpperCase(Locale.ROOT).startsWith("UD-")
                    ? a.repo() + " lists no size for " + a.registryFile().quant() + ": sized by the rules of the stock"
                    + " type it starts from; a dynamic mix keeps some tensors at higher precision, so the file is"
                    + " likely larger (a catalog sync reads its exact size)" : null;
        }
        long listed = a.registryFile().bytes();
        if (exactFromRegistry) {
            return null; // the weights' method already says where the size came from
        }
        double diff = (double) used.bytes() / listed - 1;
        if (Math.abs(diff) <= DISAGREE) {
            return null;
        }
        return String.format(Locale.ROOT, "%s lists %.2f GB for %s; the estimate is %.2f GB (%+.0f%%): that file may"
                        + " mix types differently from stock llama-quantize", a.repo(), listed / 1e9,
                a.registryFile().quant(), used.bytes() / 1e9, diff * 100);
    }
}

package dev.runyard.app.cli;

import dev.runyard.app.api.EstimateView;
import java.util.Locale;

/**
 * {@code estimate --as-llama-bench}: the plan's predicted pp512 and tg128 as the two rows llama-bench prints, so a
 * user can put them next to their own run. Size is the weights in GiB as llama-bench prints it; the t/s column shows
 * the band instead of llama-bench's ± standard deviation.
 */
final class LlamaBenchRow {
    private LlamaBenchRow() {
    }

    static String of(EstimateView v, String backend, int ngl) {
        StringBuilder sb = new StringBuilder();
        sb.append("| model                          |       size |     params | backend    | ngl |            test |"
                + "                  t/s |\n");
        sb.append("| ------------------------------ | ---------: | ---------: | ---------- | --: | --------------: |"
                + " -------------------: |\n");
        String model = (v.model() + " " + v.quant());
        model = model.length() > 30 ? model.substring(model.length() - 30) : model;
        String size = String.format(Locale.ROOT, "%.2f GiB", v.weightsBytes() / (double) (1L << 30));
        String params = String.format(Locale.ROOT, "%.2f B", v.params() / 1e9);
        if (v.speed() != null && v.speed().prefillLowTokensPerS() != null) {
            sb.append(row(model, size, params, backend, ngl, "pp512", v.prefillTokensPerS(), v.speed().prefillLowTokensPerS(),
                    v.speed().prefillHighTokensPerS()));
        } else {
            sb.append(String.format(Locale.ROOT, "| %-30s | %10s | %10s | %-10s | %3d | %15s | %20s |%n", model, size,
                    params, backend, ngl, "pp512", "no prediction"));
        }
        if (v.speed() != null) {
            sb.append(row(model, size, params, backend, ngl, "tg128", v.decodeTokensPerS(), v.speed().decodeLowTokensPerS(),
                    v.speed().decodeHighTokensPerS()));
        }
        sb.append("(predicted by Runyard for ").append(v.machine() == null ? "the hardware given" : v.machine())
                .append("; t/s shows the estimate and its band low–high, not a standard deviation)\n");
        return sb.toString();
    }

    private static String row(String model, String size, String params, String backend, int ngl, String test,
                              Double tps, Double low, Double high) {
        String t = tps == null ? "–" : String.format(Locale.ROOT, "%.2f (%.0f–%.0f)", tps, low, high);
        return String.format(Locale.ROOT, "| %-30s | %10s | %10s | %-10s | %3d | %15s | %20s |%n", model, size, params,
                backend, ngl, test, t);
    }
}

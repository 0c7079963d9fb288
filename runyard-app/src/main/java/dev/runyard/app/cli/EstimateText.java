package dev.runyard.app.cli;

import dev.runyard.app.api.EstimateView;
import dev.runyard.app.api.Views;
import dev.runyard.core.units.ByteSize;
import java.util.Locale;

/** {@code estimate} without {@code --json}: the same record as text. */
final class EstimateText {
    private EstimateText() {
    }

    static String of(EstimateView e) {
        StringBuilder sb = new StringBuilder();
        boolean perGpu = e.kvBytesPerToken() != null;
        sb.append(String.format(Locale.ROOT, "%s, %s, %s, context %,d%s%n", e.model(), e.engine(), e.quant(),
                e.context(), perGpu ? " (memory per GPU)" : ""));
        if (e.machine() != null) {
            sb.append("  on           ").append(e.machine()).append(": ").append(e.fit()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "  parameters   %,d total, %,d active (%.2f bits per weight)%n",
                e.params(), e.activeParams(), e.bitsPerWeight()));
        line(sb, "weights", e.weightsBytes());
        line(sb, "KV cache", e.kvCacheBytes());
        line(sb, "compute", e.computeBytes());
        line(sb, "overhead", e.overheadBytes());
        if (perGpu) {
            line(sb, "per GPU", e.perGpuTotalBytes());
        }
        line(sb, perGpu ? "all GPUs" : "total", e.totalBytes());
        if (perGpu) {
            sb.append(String.format(Locale.ROOT, "  KV per token %,d bytes per GPU; capacity %,d tokens; max concurrency %.2f%n",
                    e.kvBytesPerToken(), e.kvCapacityTokens(), e.maxConcurrency()));
        }
        if (e.speed() != null) {
            sb.append(String.format(Locale.ROOT, "  speed        decode %.1f tok/s (%.1f–%.1f; %.1f at full context)",
                    e.decodeTokensPerS(), e.speed().decodeLowTokensPerS(), e.speed().decodeHighTokensPerS(),
                    e.speed().decodeAtFullContextTokensPerS()));
            if (e.prefillTokensPerS() != null) {
                sb.append(String.format(Locale.ROOT, ", prefill %.1f tok/s", e.prefillTokensPerS()));
            }
            sb.append(" on ").append(e.speed().basis().get("accelerator")).append('\n');
            for (Views.Serving sv : e.speed().serving()) {
                sb.append(String.format(Locale.ROOT, "  serving      %d concurrent: %.1f tok/s each, %.0f tok/s in all,"
                                + " first token %.0f ms for %d prompt tokens (%s-bound)%n", sv.concurrency(),
                        sv.perRequestTokensPerS(), sv.aggregateTokensPerS(), sv.ttftMs(), sv.promptTokens(), sv.bound()));
            }
        }
        sb.append("  per device:\n");
        for (Views.Device d : e.devices()) {
            sb.append(String.format(Locale.ROOT, "    %-20s %s%n", d.name(), human(d.totalBytes())));
        }
        if (e.placement() != null) {
            for (String n : e.placement().notes()) {
                sb.append("  placement: ").append(n).append('\n');
            }
        }
        sb.append("  command: ").append(e.command()).append('\n');
        for (String w : e.warnings()) {
            sb.append("  warning: ").append(w).append('\n');
        }
        sb.append("  (--json shows every part with its formula and inputs)\n");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, long bytes) {
        sb.append(String.format(Locale.ROOT, "  %-12s %s%n", label, human(bytes)));
    }

    static String human(long bytes) {
        ByteSize b = ByteSize.of(bytes);
        return String.format(Locale.ROOT, "%12s  (%s)", b.toBinaryString(), b.toDecimalString());
    }
}

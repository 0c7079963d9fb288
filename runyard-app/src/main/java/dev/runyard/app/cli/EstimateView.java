package dev.runyard.app.cli;

import dev.runyard.core.estimate.DeviceUsage;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.Part;
import dev.runyard.core.speed.RequestSpeed;
import dev.runyard.core.speed.SpeedEstimate;
import dev.runyard.core.units.ByteSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link MemoryEstimate} as the JSON record (bytes as integers, {@code _bytes} suffix) or as text. */
public final class EstimateView {
    private EstimateView() {
    }

    public static Map<String, Object> toMap(MemoryEstimate e) {
        return toMap(e, null);
    }

    public static Map<String, Object> toMap(MemoryEstimate e, RequestSpeed.Result speed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", e.engine());
        m.put("quant", e.quant());
        m.put("ctx", e.ctx());
        m.put("params", e.params());
        m.put("active_params", e.activeParams());
        m.put("bits_per_weight", Math.round(e.bitsPerWeight() * 1000) / 1000.0);
        m.put("weights_bytes", e.weightsBytes());
        m.put("kv_cache_bytes", e.kvCacheBytes());
        m.put("compute_bytes", e.computeBytes());
        m.put("overhead_bytes", e.overheadBytes());
        m.put("total_bytes", e.totalBytes());
        if (e.kvBytesPerToken() != null) {
            m.put("kv_bytes_per_token", e.kvBytesPerToken());
            m.put("kv_capacity_tokens", e.kvCapacityTokens());
            m.put("max_concurrency", Math.round(e.maxConcurrency() * 100) / 100.0);
        }
        List<Map<String, Object>> devices = new ArrayList<>();
        for (DeviceUsage d : e.devices()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("name", d.name());
            dm.put("weights_bytes", d.weightsBytes());
            dm.put("kv_cache_bytes", d.kvCacheBytes());
            dm.put("compute_bytes", d.computeBytes());
            dm.put("overhead_bytes", d.overheadBytes());
            dm.put("total_bytes", d.totalBytes());
            devices.add(dm);
        }
        m.put("devices", devices);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Part p : e.breakdown()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("bytes", p.bytes());
            pm.put("formula", p.formula());
            pm.put("inputs", p.inputs());
            parts.add(pm);
        }
        m.put("breakdown", parts);
        if (speed != null) {
            SpeedEstimate s = speed.atStart();
            m.put("decode_tokens_per_s", round1(s.decodeTokensPerS()));
            m.put("prefill_tokens_per_s", s.prefillTokensPerS() == null ? null : round1(s.prefillTokensPerS()));
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("decode_low_tokens_per_s", round1(s.decodeLow()));
            sm.put("decode_high_tokens_per_s", round1(s.decodeHigh()));
            sm.put("decode_at_full_context_tokens_per_s", round1(speed.atFullContext().decodeTokensPerS()));
            sm.put("prefill_low_tokens_per_s", s.prefillLow() == null ? null : round1(s.prefillLow()));
            sm.put("prefill_high_tokens_per_s", s.prefillHigh() == null ? null : round1(s.prefillHigh()));
            sm.put("basis", s.basis());
            m.put("speed", sm);
        }
        m.put("warnings", e.warnings());
        return m;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String toText(MemoryEstimate e) {
        return toText(e, null);
    }

    static String toText(MemoryEstimate e, RequestSpeed.Result speed) {
        StringBuilder sb = new StringBuilder();
        boolean perGpu = e.kvBytesPerToken() != null;
        sb.append(String.format(Locale.ROOT, "%s, %s, context %,d%s%n", e.engine(), e.quant(), e.ctx(),
                perGpu ? " (memory per GPU)" : ""));
        sb.append(String.format(Locale.ROOT, "  parameters   %,d total, %,d active (%.2f bits per weight)%n",
                e.params(), e.activeParams(), e.bitsPerWeight()));
        line(sb, "weights", e.weightsBytes());
        line(sb, "KV cache", e.kvCacheBytes());
        line(sb, "compute", e.computeBytes());
        line(sb, "overhead", e.overheadBytes());
        line(sb, "total", e.totalBytes());
        if (e.kvBytesPerToken() != null) {
            sb.append(String.format(Locale.ROOT, "  KV per token %,d bytes per GPU; capacity %,d tokens; max concurrency %.2f%n",
                    e.kvBytesPerToken(), e.kvCapacityTokens(), e.maxConcurrency()));
        }
        if (speed != null) {
            SpeedEstimate s = speed.atStart();
            sb.append(String.format(Locale.ROOT, "  speed        decode %.0f tok/s (%.0f–%.0f; %.0f at full context)",
                    s.decodeTokensPerS(), s.decodeLow(), s.decodeHigh(), speed.atFullContext().decodeTokensPerS()));
            if (s.prefillTokensPerS() != null) {
                sb.append(String.format(Locale.ROOT, ", prefill %.0f tok/s", s.prefillTokensPerS()));
            }
            sb.append(" on ").append(s.basis().get("accelerator")).append('\n');
        }
        sb.append("  per device:\n");
        for (DeviceUsage d : e.devices()) {
            sb.append(String.format(Locale.ROOT, "    %-20s %s%n", d.name(), human(d.totalBytes())));
        }
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

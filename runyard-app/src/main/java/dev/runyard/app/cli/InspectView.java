package dev.runyard.app.cli;

import dev.runyard.app.remote.RemoteModel;
import dev.runyard.core.format.gguf.GgufArray;
import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.safetensors.SafetensorsHeader;
import dev.runyard.core.format.safetensors.SafetensorsModel;
import dev.runyard.core.units.ByteSize;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code inspect} output: one map for {@code --json} and a short text rendering of the same map. */
final class InspectView {
    private InspectView() {
    }

    static Map<String, Object> of(GgufHeader h, int shards) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "gguf");
        m.put("source", h.source());
        m.put("version", h.version());
        m.put("shards", shards);
        m.put("architecture", h.architecture().orElse(null));
        m.put("file_type", h.fileType().map(t -> t.displayName()).orElse(null));
        m.put("context_length", h.contextLength().isPresent() ? h.contextLength().getAsLong() : null);
        m.put("tensor_count", h.tensors().size());
        m.put("params", h.parameterCount());
        m.put("tensor_bytes", h.tensorBytes());
        m.put("bits_per_weight", round(h.bitsPerWeight()));
        Map<String, Long> byType = new LinkedHashMap<>();
        h.bytesByType().forEach((t, b) -> byType.put(t.name(), b));
        m.put("bytes_by_type", byType);
        Map<String, Long> perLayer = new LinkedHashMap<>();
        h.bytesPerLayer().forEach((l, b) -> perLayer.put(String.valueOf(l), b));
        m.put("bytes_per_layer", perLayer);
        m.put("alignment", h.alignment());
        m.put("header_bytes", h.headerBytes());
        Map<String, Object> meta = new LinkedHashMap<>();
        h.metadata().forEach((k, v) -> meta.put(k, v instanceof GgufArray a ? summary(a) : v));
        m.put("metadata", meta);
        return m;
    }

    static Map<String, Object> of(SafetensorsModel model) {
        SafetensorsHeader h = model.header();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "safetensors");
        m.put("source", model.path().toString());
        m.put("architecture", model.architecture().orElse(null));
        m.put("file_type", h.dominantDtype().map(Enum::name).orElse(null));
        m.put("quant_method", model.quantMethod().orElse(null));
        m.put("context_length", model.contextLength().isPresent() ? model.contextLength().getAsLong() : null);
        m.put("tensor_count", h.tensors().size());
        m.put("params", h.parameterCount());
        m.put("tensor_bytes", h.tensorBytes());
        m.put("bits_per_weight", round(h.bitsPerWeight()));
        Map<String, Long> byType = new LinkedHashMap<>();
        h.bytesByDtype().forEach((t, b) -> byType.put(t.name(), b));
        m.put("bytes_by_type", byType);
        Map<String, Long> paramsByType = new LinkedHashMap<>();
        h.paramsByDtype().forEach((t, b) -> paramsByType.put(t.name(), b));
        m.put("params_by_type", paramsByType);
        m.put("header_bytes", h.headerBytes());
        m.put("metadata", new LinkedHashMap<String, Object>(h.metadata()));
        return m;
    }

    /** The same view as for a local model, with the remote source and {@code bytes_downloaded}. */
    static Map<String, Object> of(RemoteModel remote) {
        Map<String, Object> m = remote instanceof RemoteModel.Gguf g ? of(g.header(), g.shards())
                : of(((RemoteModel.Safetensors) remote).model());
        m.put("source", remote.source());
        m.put("bytes_downloaded", remote.bytesDownloaded());
        return m;
    }

    private static Map<String, Object> summary(GgufArray a) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "array");
        s.put("element_type", a.elementType().jsonName());
        s.put("length", a.length());
        if (!a.head().isEmpty()) {
            s.put(a.complete() ? "values" : "head", a.head());
        }
        return s;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @SuppressWarnings("unchecked")
    static String toText(Map<String, Object> m) {
        StringBuilder b = new StringBuilder();
        line(b, "Format", m.get("format") + (m.containsKey("version") ? " v" + m.get("version") : "")
                + (m.get("shards") instanceof Integer n && n > 1 ? ", " + n + " shards" : ""));
        line(b, "Architecture", m.get("architecture"));
        line(b, "File type", m.get("file_type"));
        if (m.get("quant_method") != null) {
            line(b, "Quantization", m.get("quant_method"));
        }
        line(b, "Context length", m.get("context_length"));
        long params = (Long) m.get("params");
        line(b, "Parameters", String.format(Locale.ROOT, "%,d (%.2f B)", params, params / 1e9));
        line(b, "Tensors", m.get("tensor_count"));
        ByteSize bytes = ByteSize.of((Long) m.get("tensor_bytes"));
        line(b, "Tensor bytes", bytes.toBinaryString() + " / " + bytes.toDecimalString() + ", "
                + m.get("bits_per_weight") + " bits per weight");
        for (Map.Entry<String, Long> e : ((Map<String, Long>) m.get("bytes_by_type")).entrySet()) {
            line(b, "  " + e.getKey(), ByteSize.of(e.getValue()).toBinaryString());
        }
        if (m.get("bytes_downloaded") instanceof Long d) {
            line(b, "Downloaded", ByteSize.of(d).toBinaryString() + " (headers only)");
        }
        line(b, "Metadata keys", ((Map<String, Object>) m.get("metadata")).size());
        return b.toString();
    }

    private static void line(StringBuilder b, String label, Object value) {
        b.append(String.format(Locale.ROOT, "%-16s %s%n", label + ":", value == null ? "-" : value));
    }
}

package dev.runyard.core.estimate;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.quant.GgmlType;
import java.util.Locale;

/**
 * Element types of a KV cache: llama.cpp's {@code -ctk/-ctv} types (GGML block types) and vLLM's {@code fp8}
 * ({@code --kv-cache-dtype fp8}, one byte per element).
 */
public enum KvType {
    F32(GgmlType.F32), F16(GgmlType.F16), BF16(GgmlType.BF16), Q8_0(GgmlType.Q8_0), Q4_0(GgmlType.Q4_0),
    Q4_1(GgmlType.Q4_1), Q5_0(GgmlType.Q5_0), Q5_1(GgmlType.Q5_1), IQ4_NL(GgmlType.IQ4_NL), FP8(GgmlType.I8);

    private final GgmlType ggml;

    KvType(GgmlType ggml) {
        this.ggml = ggml;
    }

    /** Bytes of a row of {@code elements} elements (llama.cpp's {@code ggml_row_size}). */
    public long rowBytes(long elements) {
        return ggml.bytesCeil(elements);
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KvType parse(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (u.equals("FP8_E4M3") || u.equals("FP8_E5M2") || u.equals("AUTO_FP8")) {
            return FP8;
        }
        if (u.equals("FP16") || u.equals("AUTO")) {
            return F16;
        }
        for (KvType t : values()) {
            if (t.name().equals(u)) {
                return t;
            }
        }
        throw RunyardException.badInput("unknown KV cache type \"" + s + "\"",
                "valid: f32, f16, bf16, q8_0, q4_0, q4_1, q5_0, q5_1, iq4_nl, fp8");
    }
}

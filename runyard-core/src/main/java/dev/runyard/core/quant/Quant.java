package dev.runyard.core.quant;

import dev.runyard.core.error.RunyardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A quantization the user asked for, parsed once at the boundary from names like {@code Q4_K_M}, {@code q4_k_m},
 * {@code IQ4_XS}, {@code MXFP4_MOE}, {@code fp8}, {@code awq}, {@code exl2:4.5}, {@code mlx-4bit}, {@code bf16}.
 * GGUF names become a llama.cpp file type (plus bartowski's {@code _L}/{@code _XL} variants, which put the embedding
 * and output at Q8_0); the rest become a {@link GpuFormat}.
 */
public sealed interface Quant {

    String name();

    /**
     * Whether decoding pays ALU work to unpack weights: block quants under 8 bits (GGUF K-, I-, legacy and MXFP4
     * types; MLX 4/6-bit). Q8_0, 16-bit and the GPU formats that vLLM/SGLang run on tensor cores do not.
     */
    boolean dequantizesOnDecode();

    /** A llama.cpp GGUF file type, optionally with the embedding/output types overridden. */
    record Gguf(String name, GgufFileType fileType, GgmlType embeddingType, GgmlType outputType) implements Quant {
        @Override
        public boolean dequantizesOnDecode() {
            return fileType.base().isQuantized() && fileType.base().bitsPerWeight() < 8;
        }

        /**
         * A publisher's own per-tensor mix (Unsloth "UD-" dynamic quants): {@code fileType} is the nearest stock type,
         * which gives the shape of the split; only the published file's size gives its bytes.
         */
        public boolean isPublisherMix() {
            return name.startsWith("UD-");
        }
    }

    /** A GPU checkpoint format; {@code bitsPerWeight} is the format's, or the chosen average for EXL2/EXL3. */
    record Gpu(String name, GpuFormat format, double bitsPerWeight) implements Quant {
        @Override
        public boolean dequantizesOnDecode() {
            return format.isMlx() && bitsPerWeight < 8;
        }
    }

    static Quant parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw RunyardException.badInput("no quantization given", "pass --quant, e.g. Q4_K_M, Q8_0, fp8, awq");
        }
        String s = llamaCppLabel(raw.trim());
        if (s.toUpperCase(Locale.ROOT).startsWith("UD-") || s.toUpperCase(Locale.ROOT).startsWith("UD_")) {
            return unslothDynamic(raw, s.substring(3).toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        String u = s.toUpperCase(Locale.ROOT).replace('-', '_');
        switch (u) {
            case "F16", "FP16", "FLOAT16" -> {
                return new Gguf("F16", GgufFileType.MOSTLY_F16, null, null);
            }
            case "BF16", "BFLOAT16" -> {
                return new Gguf("BF16", GgufFileType.MOSTLY_BF16, null, null);
            }
            case "F32", "FP32" -> {
                return new Gguf("F32", GgufFileType.ALL_F32, null, null);
            }
            case "Q2_K_L", "Q3_K_XL", "Q4_K_L", "Q5_K_L", "Q6_K_L" -> {
                GgufFileType base = switch (u) {
                    case "Q2_K_L" -> GgufFileType.Q2_K;
                    case "Q3_K_XL" -> GgufFileType.Q3_K_L;
                    case "Q4_K_L" -> GgufFileType.Q4_K_M;
                    case "Q5_K_L" -> GgufFileType.Q5_K_M;
                    default -> GgufFileType.Q6_K;
                };
                return new Gguf(u, base, GgmlType.Q8_0, GgmlType.Q8_0);
            }
            case "NVFP4" -> {
                return new Gpu("nvfp4", GpuFormat.NVFP4, GpuFormat.NVFP4.bitsPerWeight());
            }
            case "MXFP4" -> {
                return new Gpu("mxfp4", GpuFormat.MXFP4, GpuFormat.MXFP4.bitsPerWeight());
            }
            default -> { }
        }
        for (GgufFileType t : GgufFileType.values()) {
            if (t.displayName().equals(u) || t.name().equals(u)) {
                return new Gguf(t.displayName(), t, null, null);
            }
        }
        String l = s.toLowerCase(Locale.ROOT).replace('_', '-');
        if (l.startsWith("exl2") || l.startsWith("exl3")) {
            GpuFormat f = l.startsWith("exl2") ? GpuFormat.EXL2 : GpuFormat.EXL3;
            double bpw = f.bitsPerWeight();
            int colon = l.indexOf(':');
            if (colon > 0) {
                try {
                    bpw = Double.parseDouble(l.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw RunyardException.badInput("bad bits per weight in \"" + raw + "\"", "use e.g. exl2:4.5");
                }
                if (!(bpw >= 1.0 && bpw <= 16.0)) {
                    throw RunyardException.badInput("bits per weight in \"" + raw + "\" must be 1 to 16", "use e.g. exl2:4.5");
                }
            }
            return new Gpu(f.key() + ":" + bpw, f, bpw);
        }
        String key = switch (l) {
            case "fp8-e4m3", "fp8-dynamic", "fp8-block", "w8a8-fp8" -> "fp8";
            case "awq-int4", "int4-awq" -> "awq";
            case "gptq-int4", "int4-gptq" -> "gptq";
            case "bnb-4bit", "bnb4", "bitsandbytes" -> "nf4";
            case "w8a8", "w8a16", "int8-w8a8" -> "int8";
            case "mlx-4", "mlx4", "4bit-mlx" -> "mlx-4bit";
            case "mlx-8", "mlx8", "8bit-mlx" -> "mlx-8bit";
            case "mlx-6", "mlx6" -> "mlx-6bit";
            default -> l;
        };
        for (GpuFormat f : GpuFormat.values()) {
            if (f.key().equals(key)) {
                return new Gpu(f.key(), f, f.bitsPerWeight());
            }
        }
        throw RunyardException.badInput("unknown quantization \"" + raw + "\"", "valid: " + String.join(", ", validNames()));
    }

    /**
     * Unsloth's dynamic quants ({@code UD-Q4_K_XL}, {@code UD-IQ2_XXS}): named after the stock type whose mix they
     * start from; "_XL" ones keep more tensors at higher precision.
     */
    private static Quant unslothDynamic(String raw, String rest) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Q(\\d)_K_XL").matcher(rest);
        String stock = !m.matches() ? rest : switch (m.group(1)) {
            case "2" -> "Q2_K";
            case "6" -> "Q6_K";
            case "8" -> "Q8_0";
            default -> "Q" + m.group(1) + "_K_M";
        };
        for (GgufFileType t : GgufFileType.values()) {
            if (t.displayName().equals(stock) || t.name().equals(stock)) {
                return new Gguf("UD-" + rest, t, null, null);
            }
        }
        throw RunyardException.badInput("unknown quantization \"" + raw + "\"", "Unsloth dynamic quants are named"
                + " like UD-Q4_K_XL or UD-IQ2_XXS");
    }

    /**
     * llama.cpp prints file types as labels ("Q4_K - Medium", "IQ4_XS - 4.25 bpw", "MXFP4 MoE"); map them to names.
     */
    private static String llamaCppLabel(String s) {
        String t = s.replaceAll("(?i)\\s*-\\s*[0-9.]+\\s*bpw$", "");
        t = t.replaceAll("(?i)\\s*-\\s*medium$", "_M").replaceAll("(?i)\\s*-\\s*small$", "_S")
                .replaceAll("(?i)\\s*-\\s*large$", "_L").replaceAll("(?i)\\s*-\\s*extra small$", "_XS");
        return t.contains(" ") && !t.contains(":") ? t.replace(' ', '_') : t;
    }

    static List<String> validNames() {
        List<String> names = new ArrayList<>();
        for (GgufFileType t : GgufFileType.values()) {
            names.add(t.displayName());
        }
        names.addAll(List.of("Q2_K_L", "Q3_K_XL", "Q4_K_L", "Q5_K_L", "Q6_K_L"));
        for (GpuFormat f : GpuFormat.values()) {
            if (!f.isSixteenBit()) {
                names.add(f.key() + (f == GpuFormat.EXL2 || f == GpuFormat.EXL3 ? ":BPW" : ""));
            }
        }
        return names;
    }
}

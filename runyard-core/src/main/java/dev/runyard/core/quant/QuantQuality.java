package dev.runyard.core.quant;

import java.util.EnumMap;
import java.util.Map;

/**
 * Quality a quantization gives up, as a fraction of the model's score, from measured perplexity increases:
 * <ul>
 *   <li><b>GGUF types:</b> ΔPPL of Meta-Llama-3-8B on wikitext-2 (ctx 512) from llama.cpp's "LLaMA 3 8b Scoreboard"
 *       ({@link #LLAMA3_SCOREBOARD}), the imatrix row where the table has two (published GGUFs are made with one);
 *       types measured only by KL divergence convert at ΔPPL% ≈ 110 × KLD, the ratio of the same scoreboard
 *       (Q4_K_M 0.0282 → 2.43%, IQ3_XXS 0.184 → 19.7%, Q2_K 0.332 → 38.8%).</li>
 *   <li><b>Size:</b> bigger models lose less. Measured KLD of the same type relative to Llama-3-8B: Gemma 3 27B about
 *       0.8 (Unsloth Dynamic 2.0 tables), Qwen3.5-35B-A3B 0.23–0.68, median 0.41 (Unsloth's Qwen3.5 GGUF benchmarks);
 *       Llama 2 70B's ΔPPL is about 0.75 of Llama 2 7B's (llama.cpp's 70B scorechart). Fitted as
 *       (total params / 8B)^−0.25, kept within 0.4–1.5.</li>
 *   <li><b>Score:</b> loss = 0.0075 × ΔPPL% × size factor, at most 0.6: a +20% perplexity step costs about 15% of a
 *       benchmark score. This mapping is Runyard's assumption (no source measures it across benchmarks) and is stated
 *       in every explanation.</li>
 *   <li><b>Publisher mixes</b> (Unsloth UD-*) keep 0.85 of their base type's loss: UD-Q4_K_XL 0.0137 vs Q4_K_M 0.0192
 *       KLD on Qwen3.5-35B-A3B, Dynamic 2.0 vs standard imatrix 0.95 on Gemma 3 27B.</li>
 *   <li><b>GPU formats:</b> FP8 0.93% (float8 rowwise, Llama-3.1-8B, pytorch/ao PR 3394); NVFP4 4.37% (Qwen3-8B,
 *       llama.cpp PR 20247); MXFP4 as MXFP4_MOE. AWQ/GPTQ/NF4 int4 and MLX 4/6/8-bit have no measurement we found:
 *       assumed equal to Q4_K_M / Q4_K_M / Q4_0 and Q4_1 / Q6_K / Q8_0, and said so.</li>
 * </ul>
 */
public final class QuantQuality {
    public static final String LLAMA3_SCOREBOARD = "https://github.com/ggml-org/llama.cpp/blob/master/tools/perplexity/README.md";
    public static final String UNSLOTH_QWEN35 = "https://unsloth.ai/docs/models/qwen3.5/gguf-benchmarks";
    public static final String TORCHAO_FP8 = "https://github.com/pytorch/ao/pull/3394";
    public static final String LLAMACPP_NVFP4 = "https://github.com/ggml-org/llama.cpp/pull/20247";

    /** ΔPPL % of Meta-Llama-3-8B per file type (imatrix rows of the scoreboard). */
    private static final Map<GgufFileType, Double> DPPL = new EnumMap<>(GgufFileType.class);

    static {
        put(0.0, GgufFileType.ALL_F32, GgufFileType.MOSTLY_F16, GgufFileType.MOSTLY_BF16);
        put(0.0425, GgufFileType.Q8_0);
        put(0.349, GgufFileType.Q6_K);
        put(0.9143, GgufFileType.Q5_K_M);
        put(1.6844, GgufFileType.Q5_K_S);
        put(1.7046, GgufFileType.Q5_1);
        put(2.1117, GgufFileType.Q5_0);
        put(2.428, GgufFileType.Q4_K_M);
        put(2.8574, GgufFileType.Q4_K_S);
        put(3.5939, GgufFileType.IQ4_NL);
        put(3.6599, GgufFileType.IQ4_XS);
        put(7.2389, GgufFileType.Q4_1);
        put(7.5183, GgufFileType.Q4_0);
        put(7.0542, GgufFileType.Q3_K_L);
        put(8.0657, GgufFileType.Q3_K_M);
        put(10.6985, GgufFileType.IQ3_M);
        put(11.7765, GgufFileType.IQ3_S);
        put(14.9465, GgufFileType.IQ3_XS);
        put(19.6867, GgufFileType.IQ3_XXS);
        put(22.0046, GgufFileType.Q3_K_S);
        put(38.0184, GgufFileType.IQ2_M);
        put(38.773, GgufFileType.Q2_K);
        put(49.6201, GgufFileType.Q2_K_S);
        put(54.8676, GgufFileType.IQ2_S);
        put(72.6903, GgufFileType.IQ2_XS);
        put(126.133, GgufFileType.IQ2_XXS);
        put(309.1018, GgufFileType.IQ1_M);
        put(873.9756, GgufFileType.IQ1_S);
        // MXFP4_MOE: KLD 0.0272 on Qwen3.5-35B-A3B (Unsloth), / its size factor 0.69, × 110.
        put(0.0272 / 0.69 * 110, GgufFileType.MXFP4_MOE);
        put(4.3684, GgufFileType.NVFP4_FT);
    }

    private static void put(double dppl, GgufFileType... types) {
        for (GgufFileType t : types) {
            DPPL.put(t, dppl);
        }
    }

    private QuantQuality() {
    }

    /** Loss of an 8B-class model (the scoreboard's own size). */
    public static double loss(Quant q) {
        return loss(q, 8e9);
    }

    /** Loss for a model of {@code totalParams} parameters. */
    public static double loss(Quant q, double totalParams) {
        double dppl = perplexityIncreasePct(q);
        if (q instanceof Quant.Gguf g && g.isPublisherMix()) {
            dppl *= 0.85;
        }
        return Math.min(0.6, 0.0075 * dppl * sizeFactor(totalParams));
    }

    /** (params / 8B)^−0.25 within 0.4–1.5: how much less (or more) a model of this size loses than an 8B one. */
    public static double sizeFactor(double totalParams) {
        double b = Math.max(0.1e9, totalParams) / 8e9;
        return Math.max(0.4, Math.min(1.5, Math.pow(b, -0.25)));
    }

    /** Measured (or, where said, assumed) perplexity increase of an 8B-class model, in percent. */
    public static double perplexityIncreasePct(Quant q) {
        if (q instanceof Quant.Gguf g) {
            return DPPL.getOrDefault(g.fileType(), 873.9756); // TQ*, Q1_0: at least as lossy as IQ1_S
        }
        GpuFormat f = ((Quant.Gpu) q).format();
        return switch (f) {
            case BF16, F16 -> 0.0;
            case FP8, INT8, MLX_8BIT -> f == GpuFormat.FP8 ? 0.9272 : DPPL.get(GgufFileType.Q8_0);
            case MLX_6BIT -> DPPL.get(GgufFileType.Q6_K);
            case NVFP4 -> DPPL.get(GgufFileType.NVFP4_FT);
            case MXFP4 -> DPPL.get(GgufFileType.MXFP4_MOE);
            case MLX_4BIT -> DPPL.get(GgufFileType.Q4_1);
            case NF4 -> DPPL.get(GgufFileType.Q4_0);
            case AWQ, GPTQ, EXL2 -> DPPL.get(GgufFileType.Q4_K_M);
            case EXL3 -> DPPL.get(GgufFileType.IQ4_XS);
        };
    }

    /** Where the figure for this quant comes from, in words, for explanations. */
    public static String basis(Quant q) {
        if (q instanceof Quant.Gguf g) {
            return switch (g.fileType()) {
                case MXFP4_MOE -> "KLD on Qwen3.5-35B-A3B, Unsloth GGUF benchmarks (" + UNSLOTH_QWEN35 + ")";
                case NVFP4_FT -> "Qwen3-8B NVFP4, llama.cpp PR 20247 (" + LLAMACPP_NVFP4 + ")";
                default -> "Llama-3-8B wikitext-2 dPPL, llama.cpp scoreboard (" + LLAMA3_SCOREBOARD + ")"
                        + (g.isPublisherMix() ? "; publisher mix x0.85 (" + UNSLOTH_QWEN35 + ")" : "");
            };
        }
        return switch (((Quant.Gpu) q).format()) {
            case BF16, F16 -> "16-bit: no loss";
            case FP8 -> "float8 rowwise on Llama-3.1-8B, pytorch/ao PR 3394 (" + TORCHAO_FP8 + ")";
            case NVFP4 -> "Qwen3-8B NVFP4, llama.cpp PR 20247 (" + LLAMACPP_NVFP4 + ")";
            case MXFP4 -> "as MXFP4_MOE (" + UNSLOTH_QWEN35 + ")";
            default -> "no measurement found: assumed equal to the GGUF type of the same bits";
        };
    }
}

package dev.runyard.core.quant;

/**
 * Quality a quantization gives up, as a fraction of the model's score. Derived from llama.cpp's published
 * perplexity and KL-divergence tables for Llama-3-8B ({@code tools/perplexity/README.md}: Q8_0 ≈ lossless, Q6_K
 * +0.1% PPL, Q5_K_M +0.4%, Q4_K_M +1.5%, IQ4_XS +2%, Q3_K_M +5%, IQ3_XXS +10%, Q2_K +20%…) scaled so that a
 * +20% perplexity step costs about 15% of a benchmark score; GPU formats by their usual bits per weight.
 */
public final class QuantQuality {
    private QuantQuality() {
    }

    public static double loss(Quant q) {
        if (q instanceof Quant.Gguf g) {
            return switch (g.fileType()) {
                case ALL_F32, MOSTLY_F16, MOSTLY_BF16, Q8_0 -> 0.0;
                case Q6_K -> 0.002;
                case Q5_K_M, Q5_1 -> 0.006;
                case Q5_K_S, Q5_0 -> 0.009;
                case Q4_K_M, MXFP4_MOE, NVFP4_FT, Q4_1 -> 0.02;
                case Q4_K_S, IQ4_XS, IQ4_NL -> 0.025;
                case Q4_0 -> 0.035;
                case Q3_K_L -> 0.045;
                case Q3_K_M, IQ3_M -> 0.055;
                case IQ3_S, IQ3_XS -> 0.07;
                case Q3_K_S, IQ3_XXS -> 0.09;
                case Q2_K, Q2_K_S, IQ2_M -> 0.15;
                case IQ2_S, IQ2_XS -> 0.2;
                case IQ2_XXS, TQ2_0 -> 0.25;
                default -> 0.35; // IQ1_S, IQ1_M, TQ1_0, Q1_0
            };
        }
        Quant.Gpu g = (Quant.Gpu) q;
        double bits = g.bitsPerWeight();
        if (bits >= 8) {
            return 0.0;
        }
        if (bits >= 6) {
            return 0.004;
        }
        if (bits >= 4.5 || g.format() == GpuFormat.NVFP4 || g.format() == GpuFormat.MXFP4) {
            return 0.02;
        }
        if (bits >= 4) {
            return 0.025;
        }
        return bits >= 3 ? 0.07 : 0.2;
    }
}

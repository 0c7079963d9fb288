package dev.runyard.core.quant;

import static dev.runyard.core.quant.GgmlType.*;

import dev.runyard.core.model.Tensor;
import java.util.List;

/**
 * Replays stock {@code llama-quantize}'s per-tensor type choice ({@code llama_tensor_get_type} in
 * {@code src/llama-quant.cpp}): which tensors stay F32, the layer-dependent promotions of attn_v and ffn_down, the
 * 70B and 8-expert rules, and the fallback when a row is not a multiple of the chosen block. Tensors must be given in
 * the loader's order (see {@code InventoryBuilder}) because some rules use running counters.
 * See {@code docs/estimates.md} for the rules in words.
 */
public final class GgufTypeChooser {
    /** Facts about the model that the rules read. */
    public record ModelFacts(String ggufArch, int nLayerAll, int gqa, int nExpert, boolean is70B, boolean tiedOutput) {
    }

    /** Options of the quantizer run. {@code embeddingType}/{@code outputType} override as --token-embedding-type etc. */
    public record Options(boolean imatrix, GgmlType embeddingType, GgmlType outputType) {
        public static final Options STOCK = new Options(false, null, null);
    }

    private final GgufFileType ftype;
    private final ModelFacts facts;
    private final Options options;
    private int nAttnV;
    private int iAttnV;
    private int iFfnDown;
    private int iFfnGate;
    private int iFfnUp;

    private GgufTypeChooser(GgufFileType ftype, ModelFacts facts, Options options) {
        this.ftype = ftype;
        this.facts = facts;
        this.options = options;
    }

    /** The type of every tensor, in order. */
    public static List<GgmlType> choose(List<Tensor> tensors, GgufFileType ftype, ModelFacts facts, Options options) {
        return List.of(choose(GgufTensorNames.of(tensors), ftype, facts, options));
    }

    /** … of an inventory whose names were read once ({@link GgufTensorNames}). */
    public static GgmlType[] choose(GgufTensorNames t, GgufFileType ftype, ModelFacts facts, Options options) {
        GgufTypeChooser c = new GgufTypeChooser(ftype, facts, options);
        c.nAttnV = t.attnVCount();
        GgmlType[] out = new GgmlType[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.typeOf(t, i);
        }
        return out;
    }

    /** Whether llama.cpp's quantizer may quantize this tensor at all ({@code tensor_allows_quantization}). */
    public static boolean quantizable(Tensor t) {
        String n = t.name();
        if (t.dims() < 2 || !n.endsWith("weight") || n.contains("_norm.weight")) {
            return false;
        }
        return !(n.contains("ffn_gate_inp.weight") || n.contains("ffn_gate_inp_shexp") || n.contains("ffn_gate_tid2eid")
                || n.contains("altup") || n.contains("laurel") || n.contains("per_layer_model_proj")
                || n.contains("position_embd") || n.contains("token_types") || n.contains("ssm_conv1d")
                || n.contains("shortconv.conv") || n.contains("indexer.k_proj") || n.contains("time_mix_")
                || n.contains("attn_rel_b"));
    }

    private GgmlType typeOf(GgufTensorNames t, int i) {
        if (!t.quantizable[i]) {
            return F32;
        }
        GgmlType base = ftype.base();
        byte role = t.role[i];
        boolean isOutput = role == GgufTensorNames.OUTPUT || (facts.tiedOutput() && role == GgufTensorNames.TOKEN_EMBD);
        if (isOutput && options.outputType() != null) {
            return options.outputType();
        }
        if (role == GgufTensorNames.TOKEN_EMBD && !isOutput && options.embeddingType() != null) {
            return options.embeddingType();
        }
        if (!base.isQuantized()) {
            return base;
        }
        GgmlType chosen = mixture(t, i, base, isOutput);
        return fallback(chosen, t.ne0(i));
    }

    private GgmlType mixture(GgufTensorNames t, int idx, GgmlType base, boolean isOutput) {
        byte role = t.role[idx];
        GgufFileType f = ftype;
        if (f == GgufFileType.MXFP4_MOE) {
            return t.expertMatrix[idx] ? MXFP4 : Q8_0;
        }
        if (isOutput) {
            if (facts.ggufArch().equals("falcon") || t.ne0(idx) % base.blockSize() != 0) {
                return Q8_0;
            }
            if (isVeryLowBit(f) || f == GgufFileType.IQ3_XXS) {
                return Q5_K;
            }
            return base == GgmlType.Q8_0 ? GgmlType.Q8_0 : GgmlType.Q6_K;
        }
        if (role == GgufTensorNames.TOKEN_EMBD || role == GgufTensorNames.PER_LAYER_TOKEN_EMBD) {
            return switch (f) {
                case IQ2_XXS, IQ2_XS, IQ1_S, IQ1_M -> GgmlType.Q2_K;
                case IQ2_S, IQ2_M, IQ3_XXS -> GgmlType.IQ3_S;
                case TQ1_0, TQ2_0 -> Q4_K;
                default -> base;
            };
        }
        boolean moe = facts.nExpert() > 1;
        int n = facts.nLayerAll();
        if (isVeryLowBit(f)) {
            if (role == GgufTensorNames.ATTN_V_LIKE) {
                iAttnV++;
                if (facts.gqa() >= 4 || facts.nExpert() >= 4) {
                    return Q4_K;
                }
                return f == GgufFileType.IQ2_S || f == GgufFileType.IQ2_M ? GgmlType.IQ3_S : GgmlType.Q2_K;
            }
            if (role == GgufTensorNames.ATTN_K && facts.nExpert() == 8) {
                return Q4_K;
            }
            if (role == GgufTensorNames.FFN_DOWN) {
                int i = iFfnDown++;
                if (i < n / 8) {
                    return f == GgufFileType.IQ2_S || f == GgufFileType.IQ2_M ? GgmlType.IQ3_S : GgmlType.Q2_K;
                }
                return base;
            }
            if (role == GgufTensorNames.ATTN_OUTPUT) {
                if (facts.nExpert() == 8) {
                    return Q5_K;
                }
                if (f == GgufFileType.IQ1_S || f == GgufFileType.IQ1_M) {
                    return GgmlType.IQ2_XXS;
                }
                if (f == GgufFileType.IQ2_S || f == GgufFileType.IQ2_M) {
                    return GgmlType.IQ3_S;
                }
            }
            return base;
        }
        switch (role) {
            case GgufTensorNames.ATTN_V_LIKE:
                return attnV(base);
            case GgufTensorNames.ATTN_K:
                if (facts.nExpert() == 8) {
                    return GgmlType.Q8_0;
                }
                return f == GgufFileType.IQ3_XS ? GgmlType.IQ3_XXS : f == GgufFileType.IQ3_XXS ? GgmlType.IQ2_S : base;
            case GgufTensorNames.ATTN_Q:
                return f == GgufFileType.IQ3_XS ? GgmlType.IQ3_XXS : f == GgufFileType.IQ3_XXS ? GgmlType.IQ2_S : base;
            case GgufTensorNames.FFN_DOWN: {
                int i = moe ? t.block[idx] : iFfnDown;
                iFfnDown++;
                return ffnDown(base, i, n);
            }
            case GgufTensorNames.ATTN_OUTPUT:
                return attnOutput(base);
            case GgufTensorNames.FFN_GATE:
            case GgufTensorNames.FFN_UP: {
                boolean gate = role == GgufTensorNames.FFN_GATE;
                int i = moe ? t.block[idx] : (gate ? iFfnGate : iFfnUp);
                if (gate) {
                    iFfnGate++;
                } else {
                    iFfnUp++;
                }
                if (f == GgufFileType.IQ3_XS && i >= n / 8 && i < 7 * n / 8) {
                    return GgmlType.IQ3_XXS;
                }
                return base;
            }
            default:
                return base;
        }
    }

    private GgmlType attnV(GgmlType base) {
        GgufFileType f = ftype;
        int i = iAttnV++;
        int gqa = facts.gqa();
        GgmlType r = base;
        switch (f) {
            case Q2_K -> r = gqa >= 4 ? Q4_K : Q3_K;
            case Q2_K_S -> r = gqa >= 4 ? Q4_K : base;
            case IQ3_XXS -> r = gqa >= 4 ? Q4_K : options.imatrix() ? GgmlType.IQ3_XXS : GgmlType.IQ3_S;
            case IQ3_XS, IQ3_S -> r = gqa >= 4 ? Q4_K : base;
            case IQ3_M -> r = Q4_K;
            case Q3_K_M -> r = i < 2 ? Q5_K : Q4_K;
            case Q3_K_L -> r = Q5_K;
            case IQ4_NL, IQ4_XS -> r = gqa >= 4 ? Q5_K : base;
            case Q4_K_M, Q5_K_M -> r = useMoreBits(i, nAttnV) ? GgmlType.Q6_K : base;
            case Q4_K_S -> r = i < 4 ? Q5_K : base;
            default -> { }
        }
        if (facts.is70B() && (r == Q3_K || r == Q4_K)) {
            r = Q5_K;
        }
        if (facts.nExpert() == 8) {
            r = GgmlType.Q8_0;
        }
        return r;
    }

    private GgmlType ffnDown(GgmlType base, int i, int n) {
        boolean falcon = facts.ggufArch().equals("falcon");
        switch (ftype) {
            case Q2_K:
                return Q3_K;
            case Q2_K_S:
                return i < n / 8 ? Q4_K : base;
            case IQ3_XXS:
                return options.imatrix() ? base : (i < n / 8 ? Q4_K : Q3_K);
            case Q3_K_M:
                if (i < n / 16) {
                    return Q5_K;
                }
                return falcon ? (useMoreBits(i, n) ? Q4_K : Q3_K) : Q4_K;
            case IQ3_M:
                return i < n / 8 || (facts.nExpert() == 8 && useMoreBits(i, n)) ? Q4_K : base;
            case Q3_K_L:
                return falcon ? Q4_K : Q5_K;
            case Q4_K_M:
                if (falcon) {
                    return i < n / 16 ? GgmlType.Q6_K : useMoreBits(i, n) ? Q5_K : Q4_K;
                }
                return useMoreBits(i, n) ? GgmlType.Q6_K : base;
            case IQ4_NL:
            case IQ4_XS:
                return !options.imatrix() && i < n / 8 ? Q5_K : base;
            case Q5_K_M:
                return useMoreBits(i, n) ? GgmlType.Q6_K : base;
            case Q4_K_S:
                return !falcon && i < n / 8 ? Q5_K : base;
            case Q4_0:
                return options.imatrix() && i < n / 8 ? GgmlType.Q4_1 : base;
            case Q5_0:
                return options.imatrix() && i < n / 8 ? GgmlType.Q5_1 : base;
            default:
                return base;
        }
    }

    private GgmlType attnOutput(GgmlType base) {
        GgufFileType f = ftype;
        if (facts.ggufArch().equals("falcon")) {
            return f == GgufFileType.Q3_K_L ? Q4_K : base;
        }
        if (facts.nExpert() == 8) {
            return switch (f) {
                case Q2_K, IQ3_XS, IQ3_XXS, Q3_K_S, Q3_K_M, IQ4_NL, Q4_K_S, Q4_K_M, IQ3_S, IQ3_M, IQ4_XS -> Q5_K;
                default -> base;
            };
        }
        return switch (f) {
            case Q2_K -> Q3_K;
            case IQ3_XXS -> GgmlType.IQ3_S;
            case Q3_K_M -> Q4_K;
            case Q3_K_L -> Q5_K;
            case IQ3_M -> Q4_K;
            default -> base;
        };
    }

    /** llama.cpp's row-width fallback when ne0 is not a multiple of the type's block. */
    static GgmlType fallback(GgmlType t, long ne0) {
        if (ne0 % t.blockSize() == 0) {
            return t;
        }
        GgmlType f = switch (t) {
            case IQ1_S, IQ1_M, IQ2_XXS, IQ2_XS, IQ2_S, IQ3_XXS, IQ3_S, IQ4_XS -> GgmlType.IQ4_NL;
            case Q2_0, Q2_K, Q3_K, TQ1_0, TQ2_0 -> GgmlType.Q4_0;
            case Q4_K -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> t;
        };
        return ne0 % f.blockSize() == 0 ? f : F16;
    }

    static boolean useMoreBits(int i, int n) {
        return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
    }

    private static boolean isVeryLowBit(GgufFileType f) {
        return switch (f) {
            case IQ2_XXS, IQ2_XS, IQ2_S, IQ2_M, IQ1_S, IQ1_M -> true;
            default -> false;
        };
    }

}

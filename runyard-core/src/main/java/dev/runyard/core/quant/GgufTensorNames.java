package dev.runyard.core.quant;

import dev.runyard.core.model.Tensor;
import java.util.List;

/**
 * What llama-quantize's rules and the weight sum read of each tensor of an inventory, worked out once. The rules
 * match tensor names by substring; a ranking asks for every quant of every model, so matching hundreds of names
 * again per quant was most of a cold {@code fit}. Arrays are indexed like the inventory (the loader's order).
 */
public final class GgufTensorNames {
    static final byte OTHER = 0;
    static final byte OUTPUT = 1;
    static final byte TOKEN_EMBD = 2;
    static final byte PER_LAYER_TOKEN_EMBD = 3;
    static final byte ATTN_V_LIKE = 4;
    static final byte ATTN_K = 5;
    static final byte ATTN_Q = 6;
    static final byte FFN_DOWN = 7;
    static final byte ATTN_OUTPUT = 8;
    static final byte FFN_GATE = 9;
    static final byte FFN_UP = 10;

    final byte[] role;
    /** The block number in the name ({@code blk.N.}), 0 outside blocks, as llama.cpp's MoE rules parse it. */
    final int[] block;
    final boolean[] quantizable;
    /** Three dimensions with more than one expert (MXFP4_MOE's test). */
    final boolean[] expertMatrix;
    private final long[] elements;
    private final long[] ne0;
    private final int[] layer;
    private final boolean[] expertWeight;
    private final boolean[] expertStack;
    private final int attnVCount;

    private GgufTensorNames(List<Tensor> tensors) {
        int n = tensors.size();
        role = new byte[n];
        block = new int[n];
        quantizable = new boolean[n];
        expertMatrix = new boolean[n];
        elements = new long[n];
        ne0 = new long[n];
        layer = new int[n];
        expertWeight = new boolean[n];
        expertStack = new boolean[n];
        int attnV = 0;
        for (int i = 0; i < n; i++) {
            Tensor x = tensors.get(i);
            String name = x.name();
            role[i] = roleOf(name);
            attnV += role[i] == ATTN_V_LIKE ? 1 : 0;
            block[i] = blockOf(name);
            quantizable[i] = GgufTypeChooser.quantizable(x);
            expertMatrix[i] = x.dims() == 3 && x.shape()[2] > 1;
            elements[i] = x.elements();
            ne0[i] = x.ne0();
            layer[i] = x.layer();
            expertStack[i] = x.isExpertStack();
            expertWeight[i] = expertStack[i] && name.endsWith("weight");
        }
        attnVCount = attnV;
    }

    public static GgufTensorNames of(List<Tensor> tensors) {
        return new GgufTensorNames(tensors);
    }

    /** One role per name, in the precedence of {@code llama_tensor_get_type}'s if-chain. */
    private static byte roleOf(String n) {
        if (n.equals("output.weight")) {
            return OUTPUT;
        }
        if (n.equals("token_embd.weight")) {
            return TOKEN_EMBD;
        }
        if (n.equals("per_layer_token_embd.weight")) {
            return PER_LAYER_TOKEN_EMBD;
        }
        if (n.contains("attn_v.weight") || n.contains("attn_qkv.weight") || n.contains("attn_kv_b.weight")) {
            return ATTN_V_LIKE;
        }
        if (n.contains("attn_k.weight")) {
            return ATTN_K;
        }
        if (n.contains("attn_q.weight")) {
            return ATTN_Q;
        }
        if (n.contains("ffn_down")) {
            return FFN_DOWN;
        }
        if (n.contains("attn_output.weight")) {
            return ATTN_OUTPUT;
        }
        if (n.contains("ffn_gate")) {
            return FFN_GATE;
        }
        return n.contains("ffn_up") ? FFN_UP : OTHER;
    }

    private static int blockOf(String n) {
        if (!n.startsWith("blk.")) {
            return 0;
        }
        int end = n.indexOf('.', 4);
        if (end <= 4) {
            return 0;
        }
        int v = 0;
        for (int i = 4; i < end; i++) {
            char c = n.charAt(i);
            if (c < '0' || c > '9' || v > 100_000_000) {
                return 0;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public int size() {
        return role.length;
    }

    int attnVCount() {
        return attnVCount;
    }

    public long elements(int i) {
        return elements[i];
    }

    public long ne0(int i) {
        return ne0[i];
    }

    /** The block the loader puts the tensor in, -1 for tensors outside blocks. */
    public int layer(int i) {
        return layer[i];
    }

    /** A weight (not a bias) of a stacked-experts tensor ({@code _exps}). */
    public boolean expertWeight(int i) {
        return expertWeight[i];
    }

    /** Any tensor of stacked experts ({@code _exps}), biases included. */
    public boolean expertStack(int i) {
        return expertStack[i];
    }

    public boolean tokenEmbedding(int i) {
        return role[i] == TOKEN_EMBD;
    }

    public boolean perLayerEmbedding(int i) {
        return role[i] == PER_LAYER_TOKEN_EMBD;
    }
}

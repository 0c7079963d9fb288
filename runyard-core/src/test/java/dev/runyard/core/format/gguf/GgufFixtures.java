package dev.runyard.core.format.gguf;

import dev.runyard.core.quant.GgmlType;

/** Synthetic models whose sizes are worked out by hand in the tests that use them. */
final class GgufFixtures {
    static final int EMBD = 256;
    static final int VOCAB = 1000;
    static final int FF = 512;
    static final int KV = 64;

    private GgufFixtures() {
    }

    /** A 2-layer llama mixing F32, F16, Q4_K, Q6_K and Q8_0, with a 1,000-token vocabulary. */
    static GgufWriter tinyLlama() {
        GgufWriter w = new GgufWriter()
                .str("general.architecture", "llama")
                .str("general.name", "tiny-llama")
                .u32("general.file_type", 15)
                .u32("llama.context_length", 4096)
                .u32("llama.embedding_length", EMBD)
                .u32("llama.block_count", 2)
                .f32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .i32Array("llama.attention.head_count_kv", 1, 1)
                .str("tokenizer.ggml.model", "gpt2")
                .strArray("tokenizer.ggml.tokens", VOCAB, i -> "tok" + i)
                .tensor("token_embd.weight", GgmlType.Q4_K, EMBD, VOCAB)
                .tensor("output_norm.weight", GgmlType.F32, EMBD)
                .tensor("output.weight", GgmlType.Q6_K, EMBD, VOCAB);
        for (int l = 0; l < 2; l++) {
            String b = "blk." + l + ".";
            w.tensor(b + "attn_norm.weight", GgmlType.F32, EMBD)
                    .tensor(b + "attn_q.weight", GgmlType.Q4_K, EMBD, EMBD)
                    .tensor(b + "attn_k.weight", GgmlType.Q4_K, EMBD, KV)
                    .tensor(b + "attn_v.weight", GgmlType.Q6_K, EMBD, KV)
                    .tensor(b + "attn_output.weight", GgmlType.Q8_0, EMBD, EMBD)
                    .tensor(b + "ffn_norm.weight", GgmlType.F32, EMBD)
                    .tensor(b + "ffn_gate.weight", GgmlType.Q4_K, EMBD, FF)
                    .tensor(b + "ffn_up.weight", GgmlType.Q4_K, EMBD, FF)
                    .tensor(b + "ffn_down.weight", GgmlType.F16, FF, EMBD);
        }
        return w;
    }

    /** One MoE block with 8 stacked experts (3-D tensors) and a router. */
    static GgufWriter moe() {
        return new GgufWriter()
                .str("general.architecture", "qwen3moe")
                .u32("qwen3moe.context_length", 32768)
                .u32("qwen3moe.expert_count", 8)
                .tensor("blk.0.ffn_gate_inp.weight", GgmlType.F32, 256, 8)
                .tensor("blk.0.ffn_gate_exps.weight", GgmlType.Q4_K, 256, 128, 8)
                .tensor("blk.0.ffn_up_exps.weight", GgmlType.Q4_K, 256, 128, 8)
                .tensor("blk.0.ffn_down_exps.weight", GgmlType.Q8_0, 128, 256, 8);
    }

    /** Small enough to mutate thousands of times: a few tiny tensors, a short vocabulary. */
    static byte[] small() {
        return new GgufWriter()
                .str("general.architecture", "llama")
                .u32("general.file_type", 7)
                .u32("llama.context_length", 2048)
                .bool("general.flag", true)
                .u64("general.big", 1L << 40)
                .i32Array("llama.per_layer", 1, 2, 3)
                .strArray("tokenizer.ggml.tokens", 12, i -> "t" + i)
                .tensor("token_embd.weight", GgmlType.Q8_0, 32, 4)
                .tensor("blk.0.attn_norm.weight", GgmlType.F32, 8)
                .tensor("blk.0.ffn_down.weight", GgmlType.F16, 4, 2, 2)
                .bytes();
    }
}

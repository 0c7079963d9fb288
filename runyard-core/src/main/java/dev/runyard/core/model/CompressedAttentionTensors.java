package dev.runyard.core.model;

/**
 * DeepSeek V4's attention weights: low-rank Q, one shared KV head, a grouped low-rank output projection, and for
 * compressed layers a compressor (and, for CSA layers, the lightning indexer). Shapes follow the published
 * config's semantics; the compressor and indexer are small next to the experts.
 */
final class CompressedAttentionTensors {
    private CompressedAttentionTensors() {
    }

    static void add(InventoryBuilder b, String p, int i, long h, Attention.Compressed a) {
        long hd = a.headDim();
        b.add(p + "attn_q_a.weight", i, h, a.qLoraRank());
        b.add(p + "attn_q_a_norm.weight", i, a.qLoraRank());
        b.add(p + "attn_q_b.weight", i, a.qLoraRank(), a.heads() * hd);
        b.add(p + "attn_kv.weight", i, h, hd);
        b.add(p + "attn_kv_norm.weight", i, hd);
        b.add(p + "attn_sinks.weight", i, a.heads());
        // Output: heads are split into o_groups; each group projects to o_lora_rank, then one matrix to hidden.
        b.add(p + "attn_output_a.weight", i, a.heads() * hd / a.oGroups(), (long) a.oGroups() * a.oLoraRank());
        b.add(p + "attn_output_b.weight", i, (long) a.oGroups() * a.oLoraRank(), h);
        if (a.compressRatio() > 0) {
            // Overlapping compression (ratio 4) keeps two candidate entries per slot.
            long width = a.compressRatio() == 4 ? 2 * hd : hd;
            b.add(p + "attn_compressor_kv.weight", i, h, width);
            b.add(p + "attn_compressor_gate.weight", i, h, width);
            b.add(p + "attn_compressor_ape", i, width, a.compressRatio());
            b.add(p + "attn_compressor_norm.weight", i, hd);
            if (a.indexerHeads() > 0) {
                long ih = a.indexerHeads();
                long id = a.indexerHeadDim();
                b.add(p + "indexer.attn_q_b.weight", i, a.qLoraRank(), ih * id);
                b.add(p + "indexer.proj.weight", i, h, ih);
                b.add(p + "indexer.compressor_kv.weight", i, h, 2 * id);
                b.add(p + "indexer.compressor_gate.weight", i, h, 2 * id);
                b.add(p + "indexer.compressor_ape", i, 2 * id, a.compressRatio());
                b.add(p + "indexer.compressor_norm.weight", i, id);
            }
        }
    }
}

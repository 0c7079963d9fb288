package dev.runyard.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the exact tensor list of an architecture with llama.cpp's GGUF tensor names and shapes. The names matter:
 * llama.cpp's quantizer chooses each tensor's type by substring of its name.
 */
public final class InventoryBuilder {
    private final ModelArchitecture arch;
    private final List<Tensor> out = new ArrayList<>();

    private InventoryBuilder(ModelArchitecture arch) {
        this.arch = arch;
    }

    /**
     * Inventories are pure functions of the architecture and are asked for many times while ranking (every quant,
     * every engine), so the last ones built are kept; the cache is bounded and cleared when full.
     */
    private static final ArchMemo<TensorInventory> INVENTORIES = new ArchMemo<>();

    /** The tensors a GGUF conversion holds (NextN blocks only where llama.cpp's converter keeps them). */
    public static TensorInventory gguf(ModelArchitecture arch) {
        return arch.nextnInGguf() ? checkpoint(arch) : published(arch);
    }

    /** The tensors of the original checkpoint, NextN/MTP blocks included. */
    public static TensorInventory checkpoint(ModelArchitecture arch) {
        return INVENTORIES.get(arch, Boolean.TRUE, () -> new InventoryBuilder(arch).build(true));
    }

    /** The tensors that published parameter counts usually cover: the checkpoint without MTP blocks. */
    public static TensorInventory published(ModelArchitecture arch) {
        return INVENTORIES.get(arch, Boolean.FALSE, () -> new InventoryBuilder(arch).build(false));
    }

    private TensorInventory build(boolean withNextn) {
        long h = arch.hidden();
        add("token_embd.weight", -1, h, arch.vocab());
        add("output_norm.weight", -1, h);
        GemmaTensors.addGlobal(this, arch);
        if (!arch.tiedEmbeddings()) {
            add("output.weight", -1, h, arch.vocab());
        }
        for (Layer layer : arch.layers()) {
            block(layer);
        }
        if (withNextn) {
            Layer last = arch.layers().get(arch.layers().size() - 1);
            for (int k = 0; k < arch.nextnLayers(); k++) {
                int idx = arch.layerCount() + k;
                block(new Layer(idx, last.attention(), last.ffn(), last.parallel()));
                String p = "blk." + idx + ".";
                add(p + "nextn.eh_proj.weight", idx, 2 * h, h);
                add(p + "nextn.enorm.weight", idx, h);
                add(p + "nextn.hnorm.weight", idx, h);
                add(p + "nextn.shared_head_norm.weight", idx, h);
                if (arch.nextnInGguf()) {
                    // GLM's converter writes the block's own copies of the embedding and the head.
                    add(p + "nextn.embed_tokens.weight", idx, h, arch.vocab());
                    add(p + "nextn.shared_head_head.weight", idx, h, arch.vocab());
                }
            }
        }
        return new TensorInventory(loaderOrder(out));
    }

    /**
     * llama.cpp's weight map: non-block tensors first, then by block number, then by name. Tensors are added block
     * by block, so sorting each block's names is enough; out-of-order blocks get the full sort. (A cold start builds
     * 350 inventories, 185,000 tensors: a two-key comparator over all of them was a tenth of it.)
     */
    static List<Tensor> loaderOrder(List<Tensor> tensors) {
        Tensor[] a = tensors.toArray(new Tensor[0]);
        int start = 0;
        for (int i = 1; i <= a.length; i++) {
            if (i < a.length && a[i].layer() < a[i - 1].layer()) {
                Arrays.sort(a, (x, y) -> x.layer() != y.layer() ? Integer.compare(x.layer(), y.layer())
                        : x.name().compareTo(y.name()));
                return Arrays.asList(a);
            }
            if (i == a.length || a[i].layer() != a[start].layer()) {
                Arrays.sort(a, start, i, BY_NAME);
                start = i;
            }
        }
        return Arrays.asList(a);
    }

    private static final Comparator<Tensor> BY_NAME = (x, y) -> x.name().compareTo(y.name());

    private void block(Layer layer) {
        int i = layer.index();
        String p = "blk." + i + ".";
        long h = arch.hidden();
        add(p + "attn_norm.weight", i, h);
        attention(p, i, layer.attention());
        attention(p, i, layer.parallel());
        if (!(layer.ffn() instanceof Ffn.None)) {
            add(p + "ffn_norm.weight", i, h);
        }
        for (int k = 2; k < arch.normsPerLayer(); k++) {
            add(p + (k == 2 ? "post_attention_norm.weight" : "post_ffw_norm.weight"), i, h);
        }
        if (layer.ffn() instanceof Ffn.Moe m && arch.extras().denseBesideExperts()) {
            GemmaTensors.addDenseBesideExperts(this, p, i, h, m);
        } else {
            ffn(p, i, layer.ffn());
        }
        GemmaTensors.addPerBlock(this, arch, p, i);
    }

    private void attention(String p, int i, Attention attention) {
        long h = arch.hidden();
        if (attention instanceof Attention.Standard a) {
                long q = (long) a.heads() * a.headDimK() * (a.outputGate() ? 2 : 1);
                long k = (long) a.kvHeads() * a.headDimK();
                long v = (long) a.kvHeads() * a.headDimV();
            // A KV-sharing layer has no K/V projections of its own (Gemma 4), unless the checkpoint keeps them (3n).
            boolean kvWeights = a.ownsKv() || arch.extras().sharedKvWeights();
            if (!a.fusedQkv() && (!kvWeights || a.valueFromKey())) {
                add(p + "attn_q.weight", i, h, q);
                if (kvWeights) {
                    add(p + "attn_k.weight", i, h, k);
                }
            } else if (a.fusedQkv()) {
                    add(p + "attn_qkv.weight", i, h, q + k + v);
                    if (a.qkvBias()) {
                        add(p + "attn_qkv.bias", i, q + k + v);
                    }
                } else {
                    add(p + "attn_q.weight", i, h, q);
                    add(p + "attn_k.weight", i, h, k);
                    add(p + "attn_v.weight", i, h, v);
                    if (a.qkvBias()) {
                        add(p + "attn_q.bias", i, q);
                        add(p + "attn_k.bias", i, k);
                        add(p + "attn_v.bias", i, v);
                    }
                }
                add(p + "attn_output.weight", i, (long) a.heads() * a.headDimV(), h);
                if (a.outputBias()) {
                    add(p + "attn_output.bias", i, h);
                }
                if (a.qkNorm()) {
                    add(p + "attn_q_norm.weight", i, a.headDimK());
                    if (kvWeights) {
                        add(p + "attn_k_norm.weight", i, a.headDimK());
                    }
                }
                if (a.sinks()) {
                    add(p + "attn_sinks.weight", i, a.heads());
                }
        } else if (attention instanceof Attention.Mla a) {
                long qk = (long) a.qkNopeDim() + a.qkRopeDim();
                if (a.qLoraRank() > 0) {
                    add(p + "attn_q_a.weight", i, h, a.qLoraRank());
                    add(p + "attn_q_a_norm.weight", i, a.qLoraRank());
                    add(p + "attn_q_b.weight", i, a.qLoraRank(), a.heads() * qk);
                } else {
                    add(p + "attn_q.weight", i, h, a.heads() * qk);
                }
                add(p + "attn_kv_a_mqa.weight", i, h, (long) a.kvLoraRank() + a.qkRopeDim());
                add(p + "attn_kv_a_norm.weight", i, a.kvLoraRank());
                // Current converters split kv_b into per-head K and V absorption matrices (3-D).
                add(p + "attn_k_b.weight", i, a.qkNopeDim(), a.kvLoraRank(), a.heads());
                add(p + "attn_v_b.weight", i, a.kvLoraRank(), a.vHeadDim(), a.heads());
                add(p + "attn_output.weight", i, (long) a.heads() * a.vHeadDim(), h);
        } else if (attention instanceof Attention.Compressed a) {
            CompressedAttentionTensors.add(this, p, i, h, a);
        } else if (attention instanceof Attention.Recurrent r) {
            RecurrentTensors.add(this, p, i, h, r);
        } else if (attention instanceof Attention.Linear) {
            add(p + "attn_output.weight", i, h, h);
        }
    }

    private void ffn(String p, int i, Ffn ffn) {
        long h = arch.hidden();
        if (ffn instanceof Ffn.Dense d) {
                if (d.gated()) {
                    add(p + "ffn_gate.weight", i, h, d.ff());
                }
                add(p + "ffn_up.weight", i, h, d.ff());
                add(p + "ffn_down.weight", i, d.ff(), h);
                if (d.bias()) {
                    add(p + "ffn_up.bias", i, d.ff());
                    add(p + "ffn_down.bias", i, h);
                }
        } else if (ffn instanceof Ffn.Moe m) {
                long e = m.experts();
                long x = m.expertWidth(arch.hidden());
                add(p + "ffn_gate_inp.weight", i, h, e);
                if (m.routerBias()) {
                    add(p + "exp_probs_b.bias", i, e);
                }
                if (m.latent() > 0) {
                    // LatentMoE (llama.cpp's nemotron_h): into and out of the experts' latent space
                    add(p + "ffn_latent_down.weight", i, h, x);
                    add(p + "ffn_latent_up.weight", i, x, h);
                }
                if (m.gated()) {
                    add(p + "ffn_gate_exps.weight", i, x, m.expertFf(), e);
                }
                add(p + "ffn_up_exps.weight", i, x, m.expertFf(), e);
                add(p + "ffn_down_exps.weight", i, m.expertFf(), x, e);
                if (m.expertBias()) {
                    add(p + "ffn_gate_inp.bias", i, e);
                    if (m.gated()) {
                        add(p + "ffn_gate_exps.bias", i, m.expertFf(), e);
                    }
                    add(p + "ffn_up_exps.bias", i, m.expertFf(), e);
                    add(p + "ffn_down_exps.bias", i, x, e);
                }
                if (m.sharedFf() > 0) {
                    if (m.gated()) {
                        add(p + "ffn_gate_shexp.weight", i, h, m.sharedFf());
                    }
                    add(p + "ffn_up_shexp.weight", i, h, m.sharedFf());
                    add(p + "ffn_down_shexp.weight", i, m.sharedFf(), h);
                    if (m.sharedGate()) {
                        add(p + "ffn_gate_inp_shexp.weight", i, h);
                    }
                }
        }
    }

    void add(String name, int layer, long... shape) {
        out.add(new Tensor(name, shape, layer));
    }
}

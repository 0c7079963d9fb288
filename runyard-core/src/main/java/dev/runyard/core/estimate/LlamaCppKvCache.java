package dev.runyard.core.estimate;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.AttentionWindow;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp's KV cache ({@code src/llama-kv-cache.cpp}, {@code llama-kv-cache-iswa.cpp},
 * {@code llama-memory-recurrent.cpp}):
 * <ul>
 *   <li>cells = n_ctx rounded up to 256; one cache shared by all parallel slots;</li>
 *   <li>sliding-window and chunked layers keep min(n_ctx, pad(n_swa·n_seq + n_ubatch, 256)) cells, or all of them
 *       with {@code --swa-full};</li>
 *   <li>each cell holds {@code ggml_row_size(type_k, n_embd_k_gqa) + ggml_row_size(type_v, n_embd_v_gqa)} bytes;
 *       MLA layers hold one latent row of kv_lora_rank + rope dims (V is a view of it);</li>
 *   <li>recurrent layers hold F32 conv and SSM state per sequence, whatever the context;</li>
 *   <li>KV-sharing layers (Gemma 3n/4, {@code hparams.has_kv(il)} false) read an earlier layer's cells and hold
 *       none.</li>
 * </ul>
 */
public final class LlamaCppKvCache {
    public static final int PAD = 256;

    private LlamaCppKvCache() {
    }

    public static long pad(long n, long to) {
        return (n + to - 1) / to * to;
    }

    /**
     * @param nCtx total context cells requested (llama.cpp's n_ctx; Ollama multiplies num_ctx by parallel slots)
     * @param nSeq parallel sequences
     */
    /** Bytes per layer alone, without the breakdown (ranking evaluates thousands of variants). */
    public static long[] layerBytes(ModelArchitecture arch, long nCtx, int nSeq, int ubatch, KvType k, KvType v,
                                    boolean swaFull) {
        long cells = pad(nCtx, PAD);
        long[] out = new long[arch.layerCount()];
        for (Layer layer : arch.layers()) {
            out[layer.index()] = layerBytes(layer.attention(), cells, nSeq, ubatch, k, v, swaFull, null, 0)
                    + layerBytes(layer.parallel(), cells, nSeq, ubatch, k, v, swaFull, null, 0);
        }
        return out;
    }

    public static KvCacheEstimate estimate(ModelArchitecture arch, long nCtx, int nSeq, int ubatch, KvType k, KvType v,
                                           boolean swaFull) {
        return estimate(arch, nCtx, nSeq, ubatch, k, v, swaFull, false);
    }

    /**
     * @param vTransposed flash attention off: llama.cpp stores V transposed and, when layers' V widths differ (Gemma 4:
     *                    256-wide sliding heads, 512-wide global ones), pads every layer's V row to the widest
     *                    ({@code n_embd_v_gqa_max()}, [TAG_V_CACHE_VARIABLE] in {@code llama-kv-cache.cpp})
     */
    public static KvCacheEstimate estimate(ModelArchitecture arch, long nCtx, int nSeq, int ubatch, KvType k, KvType v,
                                           boolean swaFull, boolean vTransposed) {
        // A pure function of its arguments, and a ranking asks it once per quant for the same model and context.
        return MEMO.get(arch, new Args(nCtx, nSeq, ubatch, k, v, swaFull, vTransposed),
                () -> compute(arch, nCtx, nSeq, ubatch, k, v, swaFull, vTransposed));
    }

    private record Args(long nCtx, int nSeq, int ubatch, KvType k, KvType v, boolean swaFull, boolean vTransposed) {
    }

    private static final dev.runyard.core.model.ArchMemo<KvCacheEstimate> MEMO = new dev.runyard.core.model.ArchMemo<>();

    private static KvCacheEstimate compute(ModelArchitecture arch, long nCtx, int nSeq, int ubatch, KvType k, KvType v,
                                           boolean swaFull, boolean vTransposed) {
        long vPad = vTransposed ? maxVElements(arch) : 0;
        long cells = pad(nCtx, PAD);
        Map<String, long[]> byKind = new LinkedHashMap<>(); // kind -> {layers, bytes, cellsPerLayer}
        long[] layerBytes = new long[arch.layerCount()];
        long total = 0;
        for (Layer layer : arch.layers()) {
            long b = layerBytes(layer.attention(), cells, nSeq, ubatch, k, v, swaFull, byKind, vPad)
                    + layerBytes(layer.parallel(), cells, nSeq, ubatch, k, v, swaFull, byKind, vPad);
            layerBytes[layer.index()] = b;
            total += b;
        }
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byKind.entrySet()) {
            long[] s = e.getValue();
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("layers", s[0]);
            in.put("cells", s[2]);
            in.put("type_k", k.key());
            in.put("type_v", v.key());
            parts.add(new Part("kv_cache." + e.getKey(), s[1], formula(e.getKey()), in));
        }
        return new KvCacheEstimate(total, cells, layerBytes, parts);
    }

    /** The widest V row of any attention layer when the widths differ (llama.cpp's padding target), else 0. */
    static long maxVElements(ModelArchitecture arch) {
        long max = 0;
        long min = Long.MAX_VALUE;
        for (Layer l : arch.layers()) {
            if (l.attention() instanceof Attention.Standard s) {
                max = Math.max(max, s.vElementsPerToken());
                min = Math.min(min, s.vElementsPerToken());
            }
        }
        return max > min ? max : 0;
    }

    private static long layerBytes(Attention a, long cells, int nSeq, int ubatch, KvType k, KvType v, boolean swaFull,
                                   Map<String, long[]> byKind, long vPad) {
        long bytes;
        String kind;
        long c;
        if (a instanceof Attention.Standard s && !s.ownsKv()) {
            // Gemma 3n/4 KV sharing: the layer reads an earlier layer's cache and allocates none (llama.cpp has_kv).
            c = 0;
            kind = "shared";
            bytes = 0;
        } else if (a instanceof Attention.Standard s) {
            c = s.window().isFull() || swaFull ? cells : Math.min(cells, pad((long) s.window().size() * nSeq + ubatch, PAD));
            kind = s.window().kind() == AttentionWindow.Kind.FULL ? "full" : s.window().kind() == AttentionWindow.Kind.SLIDING
                    ? "sliding" : "chunked";
            bytes = c * (k.rowBytes(s.kElementsPerToken()) + v.rowBytes(Math.max(vPad, s.vElementsPerToken())));
        } else if (a instanceof Attention.Mla m) {
            c = cells;
            kind = "mla_latent";
            bytes = c * k.rowBytes(m.latentElementsPerToken());
        } else if (a instanceof Attention.Compressed d) {
            long window = swaFull ? cells : Math.min(cells, pad((long) d.window() * nSeq + ubatch, PAD));
            long compressed = d.compressRatio() > 0 ? (cells + d.compressRatio() - 1) / d.compressRatio() : 0;
            c = window + compressed;
            kind = d.compressRatio() == 0 ? "window_only" : d.indexerHeads() > 0 ? "csa" : "hca";
            bytes = window * k.rowBytes(d.headDim()) + compressed * k.rowBytes(d.headDim())
                    + (d.indexerHeads() > 0 ? compressed * k.rowBytes(d.indexerHeadDim()) : 0);
        } else if (a instanceof Attention.Recurrent r) {
            c = nSeq;
            kind = "recurrent_state";
            bytes = (long) nSeq * (r.convStateElements() + r.ssmStateElements()) * 4;
        } else {
            return 0;
        }
        if (byKind != null) {
            long[] s = byKind.computeIfAbsent(kind, x -> new long[3]);
            s[0]++;
            s[1] += bytes;
            s[2] = c;
        }
        return bytes;
    }

    private static String formula(String kind) {
        return switch (kind) {
            case "full" -> "layers x cells x (row_size(type_k, n_kv_heads*head_dim_k) + row_size(type_v, n_kv_heads*head_dim_v)); cells = pad(n_ctx, 256)";
            case "sliding", "chunked" -> "layers x min(cells, pad(window*n_seq + n_ubatch, 256)) x (K row + V row)";
            case "mla_latent" -> "layers x cells x row_size(type_k, kv_lora_rank + qk_rope_head_dim)";
            case "recurrent_state" -> "layers x n_seq x (conv state + ssm state) x 4 bytes (F32)";
            case "shared" -> "layers that read an earlier layer's K/V cache (num_kv_shared_layers) allocate none: 0 bytes";
            default -> "layers x (window cells + ceil(cells/ratio) compressed entries) x row_size(type_k, head_dim)";
        };
    }
}

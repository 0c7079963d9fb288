package dev.runyard.app.cli;

import dev.runyard.app.remote.FakeServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors checkpoint built in test code: tensors with dtype and shape, split into shard files whose headers
 * are real (data offsets packed one after another) and whose data the fake hub serves as zeros. {@link #bytes()}
 * is the sum the plan must use, computed here independently of Runyard's readers.
 */
final class TestCheckpoint {
    record Tensor(String name, String dtype, long[] shape) {
        long bytes() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n * switch (dtype) {
                case "F32", "I32" -> 4;
                case "BF16", "F16" -> 2;
                case "F8_E4M3", "U8", "I8" -> 1;
                default -> throw new IllegalArgumentException(dtype);
            };
        }
    }

    /** shard file name → its tensors, in order. */
    final Map<String, List<Tensor>> shards = new LinkedHashMap<>();

    TestCheckpoint add(String shard, String name, String dtype, long... shape) {
        shards.computeIfAbsent(shard, s -> new ArrayList<>()).add(new Tensor(name, dtype, shape));
        return this;
    }

    long bytes() {
        return shards.values().stream().flatMap(List::stream).mapToLong(Tensor::bytes).sum();
    }

    long bytes(String dtype) {
        return shards.values().stream().flatMap(List::stream).filter(t -> t.dtype().equals(dtype))
                .mapToLong(Tensor::bytes).sum();
    }

    /** The 8-byte length and the JSON header of one shard. */
    byte[] head(String shard) {
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long at = 0;
        for (Tensor t : shards.get(shard)) {
            json.append(",\"").append(t.name()).append("\":{\"dtype\":\"").append(t.dtype()).append("\",\"shape\":[");
            for (int i = 0; i < t.shape().length; i++) {
                json.append(i == 0 ? "" : ",").append(t.shape()[i]);
            }
            json.append("],\"data_offsets\":[").append(at).append(',').append(at + t.bytes()).append("]}");
            at += t.bytes();
        }
        byte[] h = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
    }

    long fileSize(String shard) {
        return head(shard).length + shards.get(shard).stream().mapToLong(Tensor::bytes).sum();
    }

    /** {@code model.safetensors.index.json} as transformers writes it. */
    String index() {
        StringBuilder b = new StringBuilder("{\"metadata\":{\"total_size\":" + bytes() + "},\"weight_map\":{");
        String sep = "";
        for (var e : shards.entrySet()) {
            for (Tensor t : e.getValue()) {
                b.append(sep).append('"').append(t.name()).append("\":\"").append(e.getKey()).append('"');
                sep = ",";
            }
        }
        return b.append("}}").toString();
    }

    /** Serves the checkpoint under {@code /REPO/resolve/main/}: the index when there are several shards. */
    void serve(FakeServer hub, String repo) {
        String base = "/" + repo + "/resolve/main/";
        if (shards.size() > 1) {
            hub.json(base + "model.safetensors.index.json", index());
        }
        for (String shard : shards.keySet()) {
            hub.file(base + shard, head(shard), fileSize(shard));
        }
    }

    /**
     * Llama-3.2-1B's shape ({@link HubModelTest#CONFIG}) in two shards, its norms kept in F32 as some exports do
     * (an estimate from the config assumes 16 bits everywhere, so exact and estimated bytes differ).
     */
    static TestCheckpoint tinyLlama() {
        TestCheckpoint c = new TestCheckpoint();
        String s1 = "model-00001-of-00002.safetensors";
        String s2 = "model-00002-of-00002.safetensors";
        c.add(s1, "model.embed_tokens.weight", "BF16", 128256, 2048);
        for (int i = 0; i < 16; i++) {
            String s = i < 8 ? s1 : s2;
            String p = "model.layers." + i + ".";
            c.add(s, p + "input_layernorm.weight", "F32", 2048)
                    .add(s, p + "self_attn.q_proj.weight", "BF16", 2048, 2048)
                    .add(s, p + "self_attn.k_proj.weight", "BF16", 512, 2048)
                    .add(s, p + "self_attn.v_proj.weight", "BF16", 512, 2048)
                    .add(s, p + "self_attn.o_proj.weight", "BF16", 2048, 2048)
                    .add(s, p + "post_attention_layernorm.weight", "F32", 2048)
                    .add(s, p + "mlp.gate_proj.weight", "BF16", 8192, 2048)
                    .add(s, p + "mlp.up_proj.weight", "BF16", 8192, 2048)
                    .add(s, p + "mlp.down_proj.weight", "BF16", 2048, 8192);
        }
        c.add(s2, "model.norm.weight", "F32", 2048);
        return c;
    }

    /** The same shape as an AutoAWQ export (4 bits, group 128, int32-packed weights and zeros, F16 scales), one file. */
    static TestCheckpoint tinyLlamaAwq() {
        TestCheckpoint c = new TestCheckpoint();
        String f = "model.safetensors";
        c.add(f, "model.embed_tokens.weight", "F16", 128256, 2048);
        long[][] linears = {{2048, 2048}, {2048, 512}, {2048, 512}, {2048, 2048}, {2048, 8192}, {2048, 8192},
                {8192, 2048}};
        String[] names = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"};
        for (int i = 0; i < 16; i++) {
            String p = "model.layers." + i + ".";
            c.add(f, p + "input_layernorm.weight", "F16", 2048).add(f, p + "post_attention_layernorm.weight", "F16", 2048);
            for (int k = 0; k < names.length; k++) {
                long in = linears[k][0];
                long out = linears[k][1];
                c.add(f, p + names[k] + ".qweight", "I32", in, out / 8)
                        .add(f, p + names[k] + ".qzeros", "I32", in / 128, out / 8)
                        .add(f, p + names[k] + ".scales", "F16", in / 128, out);
            }
        }
        c.add(f, "model.norm.weight", "F16", 2048);
        return c;
    }
}

package dev.runyard.app.cli;

import dev.runyard.app.remote.FakeServer;
import dev.runyard.app.remote.TestGguf;
import dev.runyard.app.testing.Le;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.model.Tensor;
import dev.runyard.core.quant.GgmlType;
import dev.runyard.core.quant.GgufFileType;
import dev.runyard.core.quant.GgufTypeChooser;
import java.util.List;
import java.util.function.Consumer;

/**
 * A tiny Q4_K_M llama ({@link EstimateGgufTest#CONFIG}) as GGUF files whose tensors are those the inventory predicts,
 * with the types llama-quantize picks (tensor data zeros): whole, or split into two parts the way llama.cpp's
 * gguf-split writes them (every KV in the first part, only {@code split.*} in the others).
 */
final class TinyGguf {
    final List<Tensor> tensors;
    final List<GgmlType> types;

    TinyGguf() {
        ModelArchitecture arch = ArchitectureReader.read(HfConfig.parse(EstimateGgufTest.CONFIG, "test"));
        tensors = InventoryBuilder.gguf(arch).tensors();
        types = GgufTypeChooser.choose(tensors, GgufFileType.Q4_K_M,
                new GgufTypeChooser.ModelFacts("llama", 4, 2, 0, false, false), GgufTypeChooser.Options.STOCK);
    }

    /** The whole model in one file. */
    byte[] whole() {
        return file(0, tensors.size(), 10, kv -> llama(kv));
    }

    /** Part {@code no} (0 or 1) of a two-part split set, the tensors halved. */
    byte[] part(int no) {
        int half = tensors.size() / 2;
        return no == 0
                ? file(0, half, 13, kv -> {
                    llama(kv);
                    splitKeys(kv, 0);
                    kv.str("split.tensors.count").u32(4).u32(tensors.size());
                })
                : file(half, tensors.size(), 2, kv -> splitKeys(kv, 1));
    }

    /** Serves {@code bytes} as a file at {@code path}, honouring Range. */
    static void serve(FakeServer hub, String path, byte[] bytes) {
        hub.file(path, bytes, bytes.length);
    }

    private static void splitKeys(Le kv, int no) {
        kv.str("split.no").u32(4).u32(no);
        kv.str("split.count").u32(4).u32(2);
    }

    private static void llama(Le kv) {
        kv.str("general.architecture").u32(8).str("llama");
        kv.str("general.file_type").u32(4).u32(15);
        kv.str("llama.context_length").u32(4).u32(4096);
        kv.str("llama.embedding_length").u32(4).u32(256);
        kv.str("llama.block_count").u32(4).u32(4);
        kv.str("llama.feed_forward_length").u32(4).u32(512);
        kv.str("llama.attention.head_count").u32(4).u32(4);
        kv.str("llama.attention.head_count_kv").u32(4).u32(2);
        kv.str("llama.attention.key_length").u32(4).u32(64);
        kv.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(1024);
        for (int i = 0; i < 1024; i++) {
            kv.str("t" + i);
        }
    }

    /** The header (TestGguf's writer) of tensors {@code from} to {@code to}, then their data as zeros. */
    private byte[] file(int from, int to, int kvCount, Consumer<Le> kvs) {
        List<TestGguf.Tensor> part = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            Tensor t = tensors.get(i);
            part.add(new TestGguf.Tensor(t.name(), t.shape(), types.get(i).id(),
                    types.get(i).bytes(t.elements(), t.ne0())));
        }
        byte[] header = TestGguf.header(kvCount, kvs, part);
        return java.util.Arrays.copyOf(header, (int) TestGguf.fileSize(header, part));
    }
}

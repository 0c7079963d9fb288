package dev.runyard.app.remote;

import dev.runyard.app.testing.Le;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** GGUF headers built in test code (after InspectCommandTest's writer): only the header, tensor data is virtual. */
public final class TestGguf {
    public static final int F32 = 0;
    public static final int F16 = 1;
    public static final int Q8_0 = 8;

    public record Tensor(String name, long[] dims, int type, long bytes) {
    }

    /** Q8_0 4096x6000 (26,112,000 B), F16 4096x3000 (24,576,000 B), F32 4096 (16,384 B): ~50.7 MB of data. */
    static final List<Tensor> FIFTY_MB = List.of(
            new Tensor("token_embd.weight", new long[] {4096, 6000}, Q8_0, 4096L * 6000 / 32 * 34),
            new Tensor("blk.0.ffn_up.weight", new long[] {4096, 3000}, F16, 4096L * 3000 * 2),
            new Tensor("output_norm.weight", new long[] {4096}, F32, 4096L * 4));
    static final long FIFTY_MB_PARAMS = 4096L * 6000 + 4096L * 3000 + 4096;
    static final long FIFTY_MB_BYTES = 26_112_000L + 24_576_000L + 16_384L;

    private TestGguf() {
    }

    /** The llama model metadata: architecture, file type Q8_0, context 4096, a 300-token vocabulary (5 KVs). */
    static void llamaKvs(Le kv) {
        kv.str("general.architecture").u32(8).str("llama");
        kv.str("general.file_type").u32(4).u32(7);
        kv.str("llama.context_length").u32(4).u32(4096);
        kv.str("llama.block_count").u32(4).u32(1);
        kv.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(300);
        for (int i = 0; i < 300; i++) {
            kv.str("token" + i);
        }
    }

    /** Header bytes (padded to the 32-byte alignment) with {@code kvCount} KVs written by {@code kvs}. */
    public static byte[] header(int kvCount, Consumer<Le> kvs, List<Tensor> tensors) {
        Le kv = new Le();
        kvs.accept(kv);
        Le f = new Le();
        f.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors.size()).u64(kvCount).raw(kv.toByteArray());
        long offset = 0;
        for (Tensor t : tensors) {
            f.str(t.name()).u32(t.dims().length);
            for (long d : t.dims()) {
                f.u64(d);
            }
            f.u32(t.type()).u64(offset);
            offset = (offset + t.bytes() + 31) / 32 * 32;
        }
        f.raw(new byte[(int) ((f.size() + 31) / 32 * 32 - f.size())]);
        return f.toByteArray();
    }

    /** Logical file size: header plus aligned tensor data. */
    public static long fileSize(byte[] header, List<Tensor> tensors) {
        long data = 0;
        for (Tensor t : tensors) {
            data = (data + 31) / 32 * 32 + t.bytes();
        }
        return header.length + data;
    }

}

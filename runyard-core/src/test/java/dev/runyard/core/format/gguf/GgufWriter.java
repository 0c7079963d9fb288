package dev.runyard.core.format.gguf;

import dev.runyard.core.quant.GgmlType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Writes GGUF files in test code: metadata, tensor infos with computed aligned offsets, zero-filled data. */
final class GgufWriter {
    private record T(String name, GgmlType type, long[] shape) {
        long bytes() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return type.bytes(n, shape[0]);
        }
    }

    private final Le kvs = new Le();
    private final List<T> tensors = new ArrayList<>();
    private int kvCount;
    private int version = 3;
    private int alignment = 32;
    private boolean data = true;

    GgufWriter version(int v) {
        version = v;
        return this;
    }

    /** Sets {@code general.alignment} too. */
    GgufWriter alignment(int a) {
        alignment = a;
        return u32("general.alignment", a);
    }

    /** Leave tensor data out (header only); the reader then reports a truncated file. */
    GgufWriter withoutData() {
        data = false;
        return this;
    }

    private GgufWriter key(String key, GgufValueType type) {
        kvCount++;
        kvs.str(key).u32(type.id());
        return this;
    }

    GgufWriter str(String key, String value) {
        key(key, GgufValueType.STRING).kvs.str(value);
        return this;
    }

    GgufWriter u32(String key, long value) {
        key(key, GgufValueType.UINT32).kvs.u32(value);
        return this;
    }

    GgufWriter u64(String key, long value) {
        key(key, GgufValueType.UINT64).kvs.u64(value);
        return this;
    }

    GgufWriter f32(String key, float value) {
        key(key, GgufValueType.FLOAT32).kvs.u32(Float.floatToIntBits(value));
        return this;
    }

    GgufWriter bool(String key, boolean value) {
        key(key, GgufValueType.BOOL).kvs.u8(value ? 1 : 0);
        return this;
    }

    GgufWriter strArray(String key, int n, IntFunction<String> item) {
        key(key, GgufValueType.ARRAY).kvs.u32(GgufValueType.STRING.id()).u64(n);
        for (int i = 0; i < n; i++) {
            kvs.str(item.apply(i));
        }
        return this;
    }

    GgufWriter i32Array(String key, int... values) {
        key(key, GgufValueType.ARRAY).kvs.u32(GgufValueType.INT32.id()).u64(values.length);
        for (int v : values) {
            kvs.u32(v);
        }
        return this;
    }

    GgufWriter boolArray(String key, boolean... values) {
        key(key, GgufValueType.ARRAY).kvs.u32(GgufValueType.BOOL.id()).u64(values.length);
        for (boolean v : values) {
            kvs.u8(v ? 1 : 0);
        }
        return this;
    }

    GgufWriter tensor(String name, GgmlType type, long... shape) {
        tensors.add(new T(name, type, shape));
        return this;
    }

    byte[] bytes() {
        Le out = new Le();
        out.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(version).u64(tensors.size()).u64(kvCount);
        out.raw(kvs.toByteArray());
        long offset = 0;
        for (T t : tensors) {
            out.str(t.name).u32(t.shape.length);
            for (long d : t.shape) {
                out.u64(d);
            }
            out.u32(t.type.id()).u64(offset);
            offset = pad(offset + t.bytes());
        }
        if (data && !tensors.isEmpty()) {
            out.zeros((int) (pad(out.size()) - out.size()));
            out.zeros((int) offset);
        }
        return out.toByteArray();
    }

    Path write(Path path) throws IOException {
        Files.write(path, bytes());
        return path;
    }

    private long pad(long n) {
        return (n + alignment - 1) / alignment * alignment;
    }

    /** Little-endian byte sink. */
    static final class Le extends ByteArrayOutputStream {
        Le u8(int v) {
            write(v);
            return this;
        }

        Le u32(long v) {
            for (int i = 0; i < 4; i++) {
                write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Le u64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Le str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            return raw(b);
        }

        Le raw(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Le zeros(int n) {
            return raw(new byte[n]);
        }
    }
}

package dev.runyard.core.format.gguf;

import dev.runyard.core.model.Tensor;
import dev.runyard.core.quant.GgmlType;
import java.util.Arrays;

/**
 * One tensor info of a GGUF header: name, shape in GGML order ({@code ne0} first), type and data offset relative
 * to the start of its file's data section.
 */
public record GgufTensorInfo(String name, long[] shape, GgmlType type, long offset) {
    public GgufTensorInfo {
        if (shape.length == 0 || shape.length > 4) {
            throw new IllegalArgumentException(name + ": a tensor has 1 to 4 dimensions");
        }
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + ": dimensions must be positive: " + Arrays.toString(shape));
            }
        }
        if (offset < 0) {
            throw new IllegalArgumentException(name + ": negative offset " + offset);
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long bytes() {
        return type.bytes(elements(), shape[0]);
    }

    /** The block index of a {@code blk.N.} tensor, or -1 for tensors outside the blocks. */
    public int layer() {
        if (!name.startsWith("blk.")) {
            return -1;
        }
        int end = name.indexOf('.', 4);
        if (end <= 4 || end - 4 > 6) {
            return -1;
        }
        for (int i = 4; i < end; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(name.substring(4, end));
    }

    public Tensor toTensor() {
        return new Tensor(name, shape, layer());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && t.name.equals(name) && Arrays.equals(t.shape, shape)
                && t.type == type && t.offset == offset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + type + " @" + offset;
    }
}

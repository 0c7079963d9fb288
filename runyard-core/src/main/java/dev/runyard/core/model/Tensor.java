package dev.runyard.core.model;

import java.util.Arrays;

/**
 * One weight tensor, named as in a GGUF file ({@code blk.3.attn_q.weight}) with its shape in GGML order
 * ({@code ne0} first: the input width of a matrix, then its output width, then the expert count for stacked
 * experts). {@code layer} is the block index, or -1 for tensors outside the blocks.
 */
public record Tensor(String name, long[] shape, int layer) {
    public Tensor {
        if (shape.length == 0 || shape.length > 4) {
            throw new IllegalArgumentException(name + ": a tensor has 1 to 4 dimensions");
        }
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + ": dimensions must be positive: " + Arrays.toString(shape));
            }
        }
        shape = shape.clone();
    }

    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Elements per row: the first dimension, which quantization blocks must divide. */
    public long ne0() {
        return shape[0];
    }

    public long rows() {
        return elements() / shape[0];
    }

    public int dims() {
        return shape.length;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** True for a stack of routed experts (a 3-D {@code *_exps} tensor). */
    public boolean isExpertStack() {
        return name.contains("_exps");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.name.equals(name) && Arrays.equals(t.shape, shape) && t.layer == layer;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}

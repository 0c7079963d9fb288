package dev.runyard.core.format.safetensors;

import java.util.Arrays;

/**
 * One tensor of a safetensors header: shape in PyTorch order (outermost first), dtype and its byte range
 * {@code [start, end)} relative to the end of the header.
 */
public record SafetensorsTensor(String name, SafetensorsDtype dtype, long[] shape, long start, long end) {
    public SafetensorsTensor {
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            }
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(name + ": bad data_offsets [" + start + ", " + end + "]");
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Element count; a scalar (empty shape) has one. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long bytes() {
        return end - start;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafetensorsTensor t && t.name.equals(name) && t.dtype == dtype
                && Arrays.equals(t.shape, shape) && t.start == start && t.end == end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + dtype;
    }
}

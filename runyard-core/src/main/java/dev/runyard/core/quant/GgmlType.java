package dev.runyard.core.quant;

import java.util.Locale;
import java.util.Optional;

/**
 * GGML tensor types with their GGUF ids, elements per block and bytes per block (llama.cpp
 * {@code ggml/src/ggml.c} {@code type_traits}, {@code ggml-common.h} block structs). A row of {@code ne0} elements
 * takes {@code ne0 / blockSize * typeSize} bytes.
 */
public enum GgmlType {
    F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q4_1(3, 32, 20), Q5_0(6, 32, 22), Q5_1(7, 32, 24),
    Q8_0(8, 32, 34), Q8_1(9, 32, 36), Q2_K(10, 256, 84), Q3_K(11, 256, 110), Q4_K(12, 256, 144),
    Q5_K(13, 256, 176), Q6_K(14, 256, 210), Q8_K(15, 256, 292), IQ2_XXS(16, 256, 66), IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98), IQ1_S(19, 256, 50), IQ4_NL(20, 32, 18), IQ3_S(21, 256, 110), IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136), I8(24, 1, 1), I16(25, 1, 2), I32(26, 1, 4), I64(27, 1, 8), F64(28, 1, 8),
    IQ1_M(29, 256, 56), BF16(30, 1, 2), TQ1_0(34, 256, 54), TQ2_0(35, 256, 66), MXFP4(39, 32, 17),
    NVFP4(40, 64, 36), Q1_0(41, 128, 18), Q2_0(42, 64, 18);

    private final int id;
    private final int blockSize;
    private final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    /** The numeric id stored in GGUF tensor infos (never the enum ordinal). */
    public int id() {
        return id;
    }

    public int blockSize() {
        return blockSize;
    }

    public int typeSize() {
        return typeSize;
    }

    public double bitsPerWeight() {
        return 8.0 * typeSize / blockSize;
    }

    public boolean isQuantized() {
        return blockSize > 1;
    }

    /** Bytes of a tensor of {@code elements} elements whose rows are {@code ne0} wide (ne0 must be a block multiple). */
    public long bytes(long elements, long ne0) {
        if (ne0 % blockSize != 0) {
            throw new IllegalArgumentException(name() + " needs rows that are a multiple of " + blockSize + ", got " + ne0);
        }
        return Math.multiplyExact(elements / blockSize, (long) typeSize);
    }

    /** Bytes for {@code elements} elements, rounding partial blocks up (for KV cache rows). */
    public long bytesCeil(long elements) {
        return Math.multiplyExact((elements + blockSize - 1) / blockSize, (long) typeSize);
    }

    /**
     * Types whose matrices llama.cpp's CPU backend repacks into SIMD-interleaved blocks for its GEMM kernels, on AVX2
     * and on NEON with dot products (ggml-cpu/repack.cpp, {@code ggml_repack_get_optimal_repack_type}), in id order.
     * CPU-specific ones are left out: Q2_K (AVX-512 only), Q5_K, Q6_K and Q8_0 (Arm only).
     */
    public static final java.util.List<String> CPU_REPACKED = java.util.List.of("Q4_0", "Q4_K", "IQ4_NL", "MXFP4");

    public static Optional<GgmlType> byId(int id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<GgmlType> byName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (GgmlType t : values()) {
            if (t.name().equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

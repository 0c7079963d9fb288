package dev.runyard.core.format.safetensors;

import java.util.Optional;

/** safetensors dtypes (huggingface/safetensors {@code Dtype}) with their width in bits. */
public enum SafetensorsDtype {
    BOOL(8), U8(8), I8(8), F8_E5M2(8), F8_E4M3(8), F8_E8M0(8), F4(4), F6_E2M3(6), F6_E3M2(6),
    I16(16), U16(16), F16(16), BF16(16), I32(32), U32(32), F32(32), C64(64), F64(64), I64(64), U64(64);

    private final int bits;

    SafetensorsDtype(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** Bytes of {@code elements} values; sub-byte types are packed, rounding up to whole bytes. */
    public long bytes(long elements) {
        long b = Math.multiplyExact(elements, (long) bits);
        return b / 8 + (b % 8 == 0 ? 0 : 1);
    }

    public static Optional<SafetensorsDtype> byName(String name) {
        for (SafetensorsDtype d : values()) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}

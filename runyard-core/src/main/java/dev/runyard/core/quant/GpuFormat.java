package dev.runyard.core.quant;

/**
 * Checkpoint formats served by vLLM, SGLang, ExLlama and MLX: bytes per element of the quantized linear weights,
 * and which tensors the format leaves at 16 bits. Each constant cites where its layout comes from.
 */
public enum GpuFormat {
    /** Plain 16-bit weights. */
    BF16("bf16", 16.0, false, false),
    F16("f16", 16.0, false, false),
    /** FP8 E4M3 with one FP32 scale per 128×128 block (DeepSeek/Qwen FP8 checkpoints, {@code weight_block_size}). */
    FP8("fp8", 8.0 + 32.0 / (128 * 128), false, false),
    /** INT8 weights with one FP32 scale per output channel (compressed-tensors W8A8/W8A16). */
    INT8("int8", 8.0, false, false),
    /** AWQ int4, group 128: packed int4 weights + an FP16 scale and a packed int4 zero per group (AutoAWQ). */
    AWQ("awq", 4.0 + (16.0 + 4.0) / 128, false, false),
    /** GPTQ int4, group 128: int4 weights + FP16 scale + packed int4 zero per group (+ g_idx per input row). */
    GPTQ("gptq", 4.0 + (16.0 + 4.0) / 128, false, false),
    /** bitsandbytes NF4, blocksize 64, FP32 absmax per block (no double quantization, transformers' default). */
    NF4("nf4", 4.0 + 32.0 / 64, false, false),
    /** OCP MXFP4: 32 E2M1 values + one E8M0 exponent (gpt-oss experts). */
    MXFP4("mxfp4", 4.25, false, false),
    /** NVIDIA NVFP4: E2M1 + one E4M3 scale per 16 values (+ one FP32 per tensor, negligible). */
    NVFP4("nvfp4", 4.5, false, false),
    /** ExLlamaV2/V3 at a chosen average bits per weight (the head at 6 bits, exllamav2's default). */
    EXL2("exl2", 4.5, false, false),
    EXL3("exl3", 4.0, false, false),
    /** MLX affine quantization, group 64: a 16-bit scale and bias per group; embeddings quantized too. */
    MLX_4BIT("mlx-4bit", 4.0 + 32.0 / 64, true, true),
    MLX_6BIT("mlx-6bit", 6.0 + 32.0 / 64, true, true),
    MLX_8BIT("mlx-8bit", 8.0 + 32.0 / 64, true, true);

    private final String key;
    private final double bitsPerWeight;
    private final boolean quantizesEmbedding;
    private final boolean quantizesHead;

    GpuFormat(String key, double bitsPerWeight, boolean quantizesEmbedding, boolean quantizesHead) {
        this.key = key;
        this.bitsPerWeight = bitsPerWeight;
        this.quantizesEmbedding = quantizesEmbedding;
        this.quantizesHead = quantizesHead;
    }

    public String key() {
        return key;
    }

    /** Bits per element of a quantized linear weight, scales and zeros included. */
    public double bitsPerWeight() {
        return bitsPerWeight;
    }

    public boolean quantizesEmbedding() {
        return quantizesEmbedding;
    }

    public boolean quantizesHead() {
        return quantizesHead;
    }

    public boolean isSixteenBit() {
        return this == BF16 || this == F16;
    }

    public boolean isMlx() {
        return this == MLX_4BIT || this == MLX_6BIT || this == MLX_8BIT;
    }
}

package dev.runyard.app.consistency;

import java.util.List;

/**
 * The questions of the consistency suite. The first ones are the divergences the Planner issue found:
 * <ol>
 *   <li>estimate printed two per-GPU splits: Ollama's reserve (73 MiB apart) and vision weights (868 MiB apart);</li>
 *   <li>gpt-oss-120b on one RTX 4090 + RAM: estimate's speed ignored the offload it planned (180.6 vs 26.7 tok/s);</li>
 *   <li>MXFP4 prefill differed by 15% between two paths;</li>
 *   <li>fit sized sliding-window (Gemma 3) and hybrid (Qwen 3.5) KV with a per-token shortcut;</li>
 *   <li>fit with MLX ignored the KV-cache read;</li>
 *   <li>the web calculator and calc disagreed on the longest context per quant;</li>
 *   <li>the model page's commands ignored the hardware (Qwen3.6-27B on an RTX 4090; DeepSeek-V4-Pro on 8× H200);</li>
 *   <li>/api/v1/rank?engine=vllm sized AWQ but served the BF16 repo;</li>
 *   <li>JSON keys drifted between surfaces (the comparisons below are whole JSON trees).</li>
 * </ol>
 * Each pinned quant is one the bundled artifact registry lists for that model (a plan needs published weights).
 */
final class Grid {
    private Grid() {
    }

    static final List<Question> QUESTIONS = List.of(
            // 1. one split: Ollama's own reserve; a vision model whose projector Ollama loads
            new Question("Qwen/Qwen2.5-7B-Instruct", "RTX 3060 12GB", "32", "ollama", "Q4_K_M", 8192),
            new Question("google/gemma-3-27b-it", "RTX 4090", "64", "ollama", "Q4_K_M", 8192),
            // 2, 3. MoE experts in RAM, MXFP4
            new Question("openai/gpt-oss-120b", "RTX 4090", "64", "llama.cpp", "MXFP4_MOE", 32768),
            new Question("openai/gpt-oss-20b", "RTX 3060 12GB", "32", "llama.cpp", "MXFP4_MOE", 16384),
            // 4. sliding window and hybrid KV
            new Question("google/gemma-3-27b-it", "RTX 4090", "64", "llama.cpp", "Q4_K_M", 32768),
            new Question("google/gemma-3-4b-it", "RTX 3060 12GB", "32", "llama.cpp", "Q8_0", 131072),
            new Question("Qwen/Qwen3.5-27B", "RTX 4090", "64", "llama.cpp", "UD-Q4_K_XL", 32768),
            new Question("Qwen/Qwen3-Next-80B-A3B-Instruct", "RTX 4090", "64", "llama.cpp", "Q4_K_M", 32768),
            new Question("ibm-granite/granite-4.0-h-micro", "RTX 3090", "64", "llama.cpp", "Q4_K_M", 65536),
            new Question("nvidia/NVIDIA-Nemotron-Nano-9B-v2", "RTX 3060 12GB", "32", "llama.cpp", "Q4_K_M", 32768),
            // 5. Apple: MLX and llama.cpp on Metal
            new Question("meta-llama/Llama-3.1-8B-Instruct", "M3 Max 64GB", null, "mlx", "mlx-4bit", 32768),
            new Question("google/gemma-2-9b-it", "M3 Max 64GB", null, "mlx", "mlx-4bit", 8192),
            new Question("Qwen/Qwen3-8B", "M3 Max 64GB", null, "llama.cpp", "Q4_0", 32768),
            new Question("deepseek-ai/DeepSeek-V4-Flash", "M3 Ultra 256GB", null, "llama.cpp", "UD-Q4_K_XL", 32768),
            // 6, 7. the calculator and the model page on a card that cannot hold a model in 16 bits
            new Question("Qwen/Qwen3.6-27B", "RTX 4090", "64", "llama.cpp", "UD-Q4_K_XL", 32768),
            new Question("Qwen/Qwen3.6-27B", "RTX 4090", "64", "vllm", "bf16", 8192),
            new Question("deepseek-ai/DeepSeek-V4-Pro", "8x H200", "2048", "vllm", "fp8", 32768),
            // 8. vLLM and SGLang: native FP8, online FP8, BF16, tensor parallel
            new Question("Qwen/Qwen3-32B", "2x H100", "256", "vllm", "bf16", 32768),
            new Question("Qwen/Qwen3-8B", "H100", "128", "sglang", "bf16", 32768),
            new Question("meta-llama/Llama-3.3-70B-Instruct", "4x H100", "512", "vllm", "fp8", 32768),
            new Question("Qwen/Qwen3-30B-A3B", "2x H100", "256", "sglang", "fp8", 16384),
            new Question("deepseek-ai/DeepSeek-V3", "8x H200", "2048", "vllm", "fp8", 32768),
            new Question("moonshotai/Kimi-K2-Instruct", "8x H200", "2048", "vllm", "fp8", 16384),
            // MLA and MoE on llama.cpp
            new Question("deepseek-ai/DeepSeek-V3", "8x H200", "2048", "llama.cpp", "Q4_K_M", 32768),
            new Question("Qwen/Qwen3-30B-A3B", "RTX 3060 12GB", "64", "llama.cpp", "Q5_K_S", 32768),
            new Question("zai-org/GLM-4.5-Air", "RTX 4090", "128", "llama.cpp", "UD-Q4_K_XL", 32768),
            // dense: one GPU, layers in RAM, two identical GPUs, mixed GPUs
            new Question("meta-llama/Llama-3.1-8B-Instruct", "RTX 4090", "64", "llama.cpp", "Q4_K_M", 8192),
            new Question("Qwen/Qwen2.5-32B-Instruct", "RTX 4090", "64", "llama.cpp", "Q4_K_M", 32768),
            new Question("meta-llama/Llama-3.3-70B-Instruct", "2x RTX 3090", "128", "llama.cpp", "Q4_K_M", 16384),
            new Question("Qwen/Qwen3-8B", "RTX 4090 + RTX 3060", "64", "llama.cpp", "Q8_0", 32768),
            // CPU only
            new Question("microsoft/phi-4", "none", "32", "llama.cpp", "Q4_K_M", 4096),
            new Question("Qwen/Qwen3-8B", "none", "16", "ollama", "Q4_0", 8192));
}

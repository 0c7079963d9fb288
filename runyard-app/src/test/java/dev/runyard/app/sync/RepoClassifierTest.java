package dev.runyard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RepoClassifierTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    RepoKind classify(String json) throws Exception {
        return RepoClassifier.classify(MAPPER.readTree(json));
    }

    @Test
    void quantizedReposByFilesTagsAndName() throws Exception {
        assertThat(classify("{\"id\":\"unsloth/X-GGUF\",\"tags\":[\"base_model:quantized:org/X\"],"
                + "\"siblings\":[{\"rfilename\":\"X-UD-Q4_K_XL.gguf\"},{\"rfilename\":\"X.Q5_K_M.gguf\"}]}"))
                .isEqualTo(new RepoKind.Quantized("org/X", "GGUF", java.util.List.of("Q4_K_XL", "Q5_K_M")));
        assertThat(classify("{\"id\":\"Qwen/Qwen3-8B-FP8\",\"cardData\":{\"base_model\":\"Qwen/Qwen3-8B\"}}"))
                .isEqualTo(new RepoKind.Quantized("Qwen/Qwen3-8B", "FP8", java.util.List.of()));
        assertThat(classify("{\"id\":\"lmstudio-community/X-MLX-4bit\",\"library_name\":\"mlx\"}"))
                .isInstanceOf(RepoKind.Quantized.class).extracting(k -> ((RepoKind.Quantized) k).format()).isEqualTo("MLX");
        assertThat(classify("{\"id\":\"a/X-GPTQ-Int4\"}")).extracting(k -> ((RepoKind.Quantized) k).format())
                .isEqualTo("GPTQ");
    }

    @Test
    void modelsAndDistills() throws Exception {
        assertThat(classify("{\"id\":\"deepseek-ai/DeepSeek-R1-Distill-Llama-8B\",\"cardData\":{\"base_model\":"
                + "[\"meta-llama/Llama-3.1-8B\"]}}")).isEqualTo(new RepoKind.Model("meta-llama/Llama-3.1-8B", true));
        assertThat(classify("{\"id\":\"google/gemma-9\"}")).isEqualTo(new RepoKind.Model(null, false));
    }
}

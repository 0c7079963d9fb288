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
                .extracting(k -> ((RepoKind.Quantized) k).baseModel(), k -> ((RepoKind.Quantized) k).format(),
                        k -> ((RepoKind.Quantized) k).quants())
                .containsExactly("org/X", "GGUF", java.util.List.of("Q4_K_XL", "Q5_K_M"));
        assertThat(classify("{\"id\":\"Qwen/Qwen3-8B-FP8\",\"cardData\":{\"base_model\":\"Qwen/Qwen3-8B\"}}"))
                .isEqualTo(new RepoKind.Quantized("Qwen/Qwen3-8B", "FP8", java.util.List.of(), null));
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

    @Test
    void aListingWithBlobsGivesEachQuantItsExactBytesSummedOverShards() throws Exception {
        RepoKind.Quantized q = (RepoKind.Quantized) classify("{\"id\":\"unsloth/X-GGUF\",\"tags\":[\"gguf\"],"
                + "\"siblings\":["
                + "{\"rfilename\":\"UD-Q4_K_XL/X-UD-Q4_K_XL-00001-of-00002.gguf\",\"size\":1000,\"lfs\":{\"size\":40000000000}},"
                + "{\"rfilename\":\"UD-Q4_K_XL/X-UD-Q4_K_XL-00002-of-00002.gguf\",\"lfs\":{\"size\":2500000000}},"
                + "{\"rfilename\":\"X-Q8_0.gguf\",\"size\":8700000000},"
                + "{\"rfilename\":\"X-Q4_K_M.gguf\"},"
                + "{\"rfilename\":\"mmproj-F16.gguf\",\"size\":900000000},"
                + "{\"rfilename\":\"README.md\",\"size\":100}]}");
        var files = q.listing().files();
        assertThat(files).extracting(f -> f.quant()).containsExactly("Q4_K_M", "Q8_0", "UD-Q4_K_XL");
        var ud = files.get(2);
        assertThat(ud.bytes()).as("the LFS size of each shard, summed").isEqualTo(42_500_000_000L);
        assertThat(ud.exact()).isTrue();
        assertThat(ud.parts()).isEqualTo(2);
        assertThat(ud.path()).isEqualTo("UD-Q4_K_XL/X-UD-Q4_K_XL-00001-of-00002.gguf");
        assertThat(files.get(0).bytes()).as("no size in the answer: unknown, not zero").isNull();
        assertThat(files.get(0).exact()).isFalse();
        RepoKind.Quantized mlx = (RepoKind.Quantized) classify("{\"id\":\"mlx-community/X-4bit\",\"library_name\":\"mlx\","
                + "\"siblings\":[{\"rfilename\":\"model-00001-of-00002.safetensors\",\"size\":5000000000},"
                + "{\"rfilename\":\"model-00002-of-00002.safetensors\",\"size\":1000000000}]}");
        assertThat(mlx.listing().bits()).isEqualTo(4);
        assertThat(mlx.listing().files()).singleElement().satisfies(f -> {
            assertThat(f.quant()).isEqualTo("MLX-4bit");
            assertThat(f.bytes()).isEqualTo(6_000_000_000L);
            assertThat(f.parts()).isEqualTo(2);
        });
    }
}

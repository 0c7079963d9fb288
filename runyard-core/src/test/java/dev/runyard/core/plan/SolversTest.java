package dev.runyard.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import org.junit.jupiter.api.Test;

/** leastGpus answers with a count, null (more than 1024), or a refusal that says why the engine cannot do it. */
class SolversTest {
    static final Accelerator H100 = AcceleratorDatabase.bundled().find("H100").orElseThrow();

    static ModelArchitecture llama(int hidden, int layers, int heads) {
        return ArchitectureReader.read(HfConfig.parse("{\"model_type\": \"llama\", \"hidden_size\": " + hidden
                + ", \"num_hidden_layers\": " + layers + ", \"num_attention_heads\": " + heads
                + ", \"num_key_value_heads\": 8, \"intermediate_size\": " + hidden * 3 + ", \"vocab_size\": 128256}",
                "test"));
    }

    static CatalogModel model(ModelArchitecture arch) {
        return CatalogModel.local("test/llama", arch);
    }

    @Test
    void smallModelNeedsOneGpu() {
        var least = Solvers.leastGpus(new Planner(), model(llama(4096, 32, 32)), Quant.parse("bf16"), Engine.VLLM, H100, H100.memoryBytes(), 8192);
        assertThat(least.gpus()).isEqualTo(1);
        assertThat(Solvers.leastGpus(new Planner(), model(llama(4096, 32, 32)), Quant.parse("Q4_K_M"), Engine.LLAMA_CPP, H100,
                H100.memoryBytes(), 8192).gpus()).isEqualTo(1);
    }

    @Test
    void headsThatDoNotSplitOverTheGpusNeededAreARefusalNotACrash() {
        // 40 heads split over 1, 2, 4 and 8 GPUs; a model this large needs more than 8 H100s in BF16.
        ModelArchitecture big = llama(15360, 160, 40);
        assertThatThrownBy(() -> Solvers.leastGpus(new Planner(), model(big), Quant.parse("bf16"), Engine.VLLM, H100, H100.memoryBytes(), 8192))
                .isInstanceOf(RunyardException.class)
                .hasMessage("40 attention heads do not split over 16 GPUs; 8 are too few");
    }

    @Test
    void llamaCppWithAGpuFormatIsARefusal() {
        assertThatThrownBy(() -> Solvers.leastGpus(new Planner(), model(llama(4096, 32, 32)), Quant.parse("fp8"), Engine.LLAMA_CPP, H100,
                H100.memoryBytes(), 8192)).isInstanceOf(RunyardException.class).hasMessageContaining("GGUF");
    }
}

package dev.runyard.app.store;

import java.util.Objects;

/** Whether an engine (vllm, sglang, llama.cpp, ollama, mlx) runs a model, since which version, and the source. */
public record EngineSupport(String engine, Boolean supported, String since, String note, String source) {
    public EngineSupport {
        Objects.requireNonNull(engine, "engine");
    }
}

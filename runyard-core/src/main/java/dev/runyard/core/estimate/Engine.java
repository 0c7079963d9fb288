package dev.runyard.core.estimate;

import dev.runyard.core.error.RunyardException;
import java.util.Locale;

/** The inference engines Runyard sizes memory for. */
public enum Engine {
    LLAMA_CPP("llama.cpp"), OLLAMA("ollama"), VLLM("vllm"), SGLANG("sglang"), MLX("mlx");

    private final String key;

    Engine(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Engines that load GGUF files. */
    public boolean usesGguf() {
        return this == LLAMA_CPP || this == OLLAMA;
    }

    public static Engine parse(String s) {
        String l = s.trim().toLowerCase(Locale.ROOT);
        for (Engine e : values()) {
            if (e.key.equals(l) || e.name().equalsIgnoreCase(l) || (e == LLAMA_CPP && (l.equals("llamacpp") || l.equals("llama-cpp")))) {
                return e;
            }
        }
        throw RunyardException.badInput("unknown engine \"" + s + "\"", "valid: llama.cpp, ollama, vllm, sglang, mlx");
    }

    @Override
    public String toString() {
        return key;
    }
}

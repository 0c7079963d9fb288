package dev.runyard.core.rank;

import dev.runyard.core.error.RunyardException;
import java.util.Locale;
import java.util.Map;

/** What the user wants a model for, and which published benchmarks measure it (with their weights). */
public enum UseCase {
    GENERAL(Map.of("MMLU-Pro", 1.0, "GPQA Diamond", 1.0, "LMArena Elo", 1.0, "IFEval", 0.5, "MMLU", 0.5,
            "Arena-Hard", 0.5)),
    CODING(Map.of("LiveCodeBench", 1.0, "SWE-bench Verified", 1.0, "HumanEval", 0.5)),
    MATH(Map.of("MATH-500", 1.0, "AIME 2024", 1.0, "AIME 2025", 1.0)),
    REASONING(Map.of("GPQA Diamond", 1.0, "AIME 2025", 0.5, "AIME 2024", 0.5, "MMLU-Pro", 0.5)),
    AGENTIC(Map.of("tau-bench", 1.0, "SWE-bench Verified", 1.0, "IFEval", 0.5)),
    LONG_CONTEXT(Map.of("RULER", 1.0, "MMLU-Pro", 0.5)),
    CHAT(Map.of("LMArena Elo", 1.0, "Arena-Hard", 1.0, "IFEval", 0.5));

    private final Map<String, Double> benchmarks;

    UseCase(Map<String, Double> benchmarks) {
        this.benchmarks = benchmarks;
    }

    public Map<String, Double> benchmarks() {
        return benchmarks;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static UseCase parse(String s) {
        for (UseCase u : values()) {
            if (u.key().equalsIgnoreCase(s.trim()) || u.name().equalsIgnoreCase(s.trim())) {
                return u;
            }
        }
        throw RunyardException.badInput("unknown use case \"" + s + "\"",
                "valid: general, coding, math, reasoning, agentic, long-context, chat");
    }
}

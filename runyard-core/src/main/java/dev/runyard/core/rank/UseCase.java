package dev.runyard.core.rank;

import dev.runyard.core.error.RunyardException;
import java.util.Locale;
import java.util.Map;

/** What the user wants a model for, and which published benchmarks measure it (with their weights). */
public enum UseCase {
    GENERAL(w("MMLU-Pro", 1.0, "GPQA Diamond", 1.0, "LMArena Elo", 1.0, "IFEval", 0.5, "MMLU", 0.5, "Arena-Hard", 0.5,
            "GPQA", 0.5, "Open LLM Leaderboard v2 MMLU-Pro", 0.5, "Open LLM Leaderboard v2 BBH", 0.5, "Open LLM Leaderboard v2 IFEval", 0.25)),
    CODING(w("LiveCodeBench", 1.0, "SWE-bench Verified", 1.0, "HumanEval", 0.5)),
    MATH(w("MATH-500", 1.0, "AIME 2024", 1.0, "AIME 2025", 1.0, "MATH", 0.5, "GSM8K", 0.25, "Open LLM Leaderboard v2 MATH Lvl 5", 0.5)),
    REASONING(w("GPQA Diamond", 1.0, "AIME 2025", 0.5, "AIME 2024", 0.5, "MMLU-Pro", 0.5, "GPQA", 0.5, "BBH", 0.25,
            "Open LLM Leaderboard v2 GPQA", 0.25, "Open LLM Leaderboard v2 MuSR", 0.25)),
    AGENTIC(w("tau-bench", 1.0, "SWE-bench Verified", 1.0, "BFCL v3", 1.0, "IFEval", 0.5)),
    LONG_CONTEXT(w("RULER", 1.0, "MMLU-Pro", 0.5)),
    CHAT(w("LMArena Elo", 1.0, "Arena-Hard", 1.0, "IFEval", 0.5, "Open LLM Leaderboard v2 IFEval", 0.25));

    /**
     * The Open LLM Leaderboard v2's normalized scores keep their own names (the catalog's merge gives them this
     * prefix): a percentile among them never mixes with vendors' raw accuracy on the same benchmark.
     */
    public static final String OLL_PREFIX = "Open LLM Leaderboard v2 ";

    private static Map<String, Double> w(Object... pairs) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

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

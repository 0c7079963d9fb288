package dev.runyard.core.model;

/** The feed-forward part of one layer: a dense MLP, a mixture of experts, or nothing. */
public sealed interface Ffn {

    /** A dense MLP; gated (SwiGLU/GeGLU: gate, up, down) or plain (up, down). */
    record Dense(int ff, boolean gated, boolean bias) implements Ffn {
        public Dense {
            if (ff <= 0) {
                throw new IllegalArgumentException("ffn size must be positive");
            }
        }

        public static Dense gated(int ff) {
            return new Dense(ff, true, false);
        }
    }

    /**
     * Routed experts ({@code experts} of width {@code expertFf}, {@code used} per token) plus optional shared
     * experts of total width {@code sharedFf}; {@code sharedGate} is Qwen's scalar gate on the shared expert.
     */
    record Moe(int experts, int used, int expertFf, int sharedFf, boolean sharedGate, boolean routerBias,
               boolean expertBias, boolean gated) implements Ffn {
        public Moe {
            if (experts <= 0 || used <= 0 || used > experts || expertFf <= 0 || sharedFf < 0) {
                throw new IllegalArgumentException("invalid MoE shape: " + experts + " experts, " + used + " used");
            }
        }
    }

    record None() implements Ffn {
    }
}

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
     * {@code latent} &gt; 0 is NVIDIA's LatentMoE (Nemotron 3 Super/Ultra {@code moe_latent_size}): the routed experts
     * work in a {@code latent}-wide space entered and left through two projections, the router and the shared
     * expert stay on the hidden width.
     */
    record Moe(int experts, int used, int expertFf, int sharedFf, boolean sharedGate, boolean routerBias,
               boolean expertBias, boolean gated, int latent) implements Ffn {
        public Moe {
            if (experts <= 0 || used <= 0 || used > experts || expertFf <= 0 || sharedFf < 0 || latent < 0) {
                throw new IllegalArgumentException("invalid MoE shape: " + experts + " experts, " + used + " used");
            }
        }

        public Moe(int experts, int used, int expertFf, int sharedFf, boolean sharedGate, boolean routerBias,
                   boolean expertBias, boolean gated) {
            this(experts, used, expertFf, sharedFf, sharedGate, routerBias, expertBias, gated, 0);
        }

        /** The width the routed experts read and write: the latent width, or the model's hidden width. */
        public int expertWidth(int hidden) {
            return latent > 0 ? latent : hidden;
        }

        /** The same experts in a {@code width}-wide latent space. */
        public Moe withLatent(int width) {
            return new Moe(experts, used, expertFf, sharedFf, sharedGate, routerBias, expertBias, gated, width);
        }
    }

    record None() implements Ffn {
    }
}

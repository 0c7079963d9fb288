package dev.runyard.core.plan;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;

/**
 * A question for the {@link Planner}: engine, quant, context and the engine options (KV types, batch sizes,
 * parallel requests, tensor parallelism, flash attention …) as an {@link EstimateRequest} template.
 * The planner takes GPU count, GPU memory and backend from the machine; {@code backend} overrides the machine's
 * (e.g. Vulkan on an NVIDIA card). A template {@code tp} of 0 lets the planner pick the tensor-parallel size.
 *
 * @param context      tokens; 0 = the longest that fits (up to the model's maximum)
 * @param exactWeights weights read from a real file (GGUF header), or null to predict them
 * @param localFile    the GGUF file the weights came from, for the command; or null
 * @param draft        a draft model for speculative decoding, or null
 * @param llamaCpp     llama.cpp placement options to follow instead of searching, or null
 */
public record PlanRequest(EstimateRequest template, long context, Backend backend, WeightsEstimate exactWeights,
                          String localFile, Draft draft, LlamaCppOptions llamaCpp) {
    /** A draft model for speculative decoding, loaded beside the target ({@code quant} null = the target's). */
    public record Draft(String name, ModelArchitecture arch, Quant quant) {
    }

    public static PlanRequest of(Engine engine, Quant quant, long context) {
        return new PlanRequest(EstimateRequest.builder(quant).engine(engine).ctx(Math.max(1, context)).build(), context,
                null, null, null, null, null);
    }

    public Engine engine() {
        return template.engine();
    }

    public Quant quant() {
        return template.quant();
    }

    public PlanRequest withQuant(Quant q) {
        return new PlanRequest(template.toBuilder().quant(q).build(), context, backend, exactWeights, localFile, draft,
                llamaCpp);
    }

    public PlanRequest withContext(long ctx) {
        return new PlanRequest(template.toBuilder().ctx(Math.max(1, ctx)).build(), ctx, backend, exactWeights,
                localFile, draft, llamaCpp);
    }
}

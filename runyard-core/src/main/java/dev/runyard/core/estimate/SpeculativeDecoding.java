package dev.runyard.core.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds a draft model used for speculative decoding to an estimate. llama.cpp ({@code -md}) loads the draft as a second
 * model with its own KV cache of the same context and its own compute buffer, on the first GPU; vLLM adds the draft's
 * weights to every rank and its layers' KV bytes to every token's pages, so the pool holds fewer tokens.
 */
public final class SpeculativeDecoding {
    private SpeculativeDecoding() {
    }

    public static MemoryEstimate withDraft(MemoryEstimate target, MemoryEstimate draft, String draftName) {
        List<Part> parts = new ArrayList<>(target.breakdown());
        for (Part p : draft.breakdown()) {
            parts.add(new Part("draft." + p.name(), p.bytes(), p.formula() + " (draft model " + draftName + ")",
                    p.inputs()));
        }
        List<String> warnings = new ArrayList<>(target.warnings());
        warnings.add("speculative decoding with draft " + draftName);
        Long perToken = target.kvBytesPerToken();
        List<DeviceUsage> devices = new ArrayList<>();
        if (perToken != null) {
            // vLLM/SGLang: the draft's weights come out of the KV pool, and its layers' pages join every token's.
            long combined = perToken + (draft.kvBytesPerToken() == null ? 0 : draft.kvBytesPerToken());
            long pool = Math.max(0, target.kvCacheBytes() - draft.weightsBytes());
            long capacity = combined == 0 ? 0 : pool / combined;
            List<Part> vparts = new ArrayList<>();
            for (Part p : target.breakdown()) {
                vparts.add(p.name().equals("kv_cache_pool") ? new Part(p.name(), pool, p.formula()
                        + " - draft weights per GPU", p.inputs()) : p);
            }
            vparts.add(new Part("draft.weights_per_gpu", draft.weightsBytes(), "draft model " + draftName
                    + " weights per GPU", Map.of("draft_kv_bytes_per_token", draft.kvBytesPerToken())));
            for (DeviceUsage d : target.devices()) {
                devices.add(new DeviceUsage(d.name(), d.weightsBytes() + draft.weightsBytes(), pool, d.computeBytes(),
                        d.overheadBytes()));
            }
            return new MemoryEstimate(target.engine(), target.quant(), target.ctx(), target.params(),
                    target.activeParams(), target.weightsBytes() + draft.weightsBytes(), pool, target.computeBytes(),
                    target.overheadBytes(), devices, vparts, warnings, combined, capacity,
                    target.ctx() == 0 ? 0.0 : (double) capacity / target.ctx(), target.bitsPerWeight());
        }
        DeviceUsage first = null;
        for (DeviceUsage d : target.devices()) {
            if (first == null && d.name().startsWith("GPU")) {
                first = d;
                devices.add(new DeviceUsage(d.name(), d.weightsBytes() + draft.weightsBytes(), d.kvCacheBytes()
                        + draft.kvCacheBytes(), d.computeBytes() + draft.computeBytes(), d.overheadBytes()));
            } else {
                devices.add(d);
            }
        }
        if (first == null) {
            devices.add(new DeviceUsage("draft", draft.weightsBytes(), draft.kvCacheBytes(), draft.computeBytes(), 0));
        }
        // The draft's own runtime reserve is the target's (same process): drop it from the parts.
        parts.removeIf(p -> p.name().equals("draft.overhead.runtime_reserve") || p.name().equals("draft.overhead.output_buffer"));
        return new MemoryEstimate(target.engine(), target.quant(), target.ctx(), target.params(), target.activeParams(),
                target.weightsBytes() + draft.weightsBytes(), target.kvCacheBytes() + draft.kvCacheBytes(),
                target.computeBytes() + draft.computeBytes(), target.overheadBytes(), devices, parts, warnings, null,
                null, null, target.bitsPerWeight());
    }
}

package dev.runyard.core.plan;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.catalog.Checkpoint;
import dev.runyard.core.estimate.CheckpointWeights;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.GpuFormat;
import dev.runyard.core.quant.Quant;
import java.util.Locale;

/**
 * Where a repository's own safetensors headers (read from the Hub) meet a plan. A plan that loads that checkpoint as
 * it is stored (vLLM/SGLang, the publisher's repo, no quantization while loading, the plan's format the checkpoint's)
 * takes its weights from the tensors the headers list; every other plan of the repo is estimated and says why.
 */
final class CheckpointSizes {
    private CheckpointSizes() {
    }

    /** The checkpoint's exact weights when this plan loads it as stored, else null. */
    static WeightsEstimate weights(CatalogModel m, ModelArchitecture arch, EstimateRequest er, Artifact a) {
        if (!(m.checkpoint() instanceof Checkpoint.Read r) || !loadsAsStored(r, er, a)) {
            return null;
        }
        return CheckpointWeights.of(r.header(), arch, er.mtp(), r.source(), r.files());
    }

    /**
     * A warning for the plan: why its weights are an estimate although the model came from the Hub, or where the
     * exact bytes disagree with the index's {@code total_size}; null when there is nothing to say.
     */
    static String note(CatalogModel m, EstimateRequest er, Artifact a) {
        if (m.checkpoint() instanceof Checkpoint.Unread u) {
            return "weights estimated from config.json, not exact: " + u.reason();
        }
        if (!(m.checkpoint() instanceof Checkpoint.Read r)) {
            return null;
        }
        if (loadsAsStored(r, er, a)) {
            Long total = r.indexTotalSize();
            long listed = r.header().tensorBytes();
            return total == null || total == listed ? null : String.format(Locale.ROOT, "the index's total_size is"
                    + " %,d bytes but its %d headers list %,d: the headers are used", total, r.files(), listed);
        }
        return String.format(Locale.ROOT, "weights estimated for %s: the Hub's %d safetensors header%s size the %s"
                        + " checkpoint as stored (%,d bytes), which this plan does not load as it is", er.quant().name(),
                r.files(), r.files() == 1 ? "" : "s", r.format(), r.header().tensorBytes());
    }

    /** Whether the plan loads the publisher's checkpoint without converting it. */
    static boolean loadsAsStored(Checkpoint.Read r, EstimateRequest er, Artifact a) {
        if (er.engine().usesGguf() || er.engine() == dev.runyard.core.estimate.Engine.MLX
                || !"publisher".equals(a.source()) || a.onlineQuantization() != null) {
            return false;
        }
        String stored = r.format();
        GpuFormat f = er.quant() instanceof Quant.Gpu q ? q.format()
                : ((Quant.Gguf) er.quant()).fileType().base().isQuantized() ? null : GpuFormat.BF16;
        if (f == null) {
            return false;
        }
        if (f.isSixteenBit()) {
            return stored.equals("bf16") || stored.equals("f16");
        }
        return stored.equals(f.key()) || stored.startsWith(f.key() + "+");
    }
}

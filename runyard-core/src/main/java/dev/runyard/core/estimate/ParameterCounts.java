package dev.runyard.core.estimate;

import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;

/** Total and active parameters from the tensor inventory. */
public final class ParameterCounts {
    private ParameterCounts() {
    }

    /** Parameters as publishers count them: the language model without MTP/NextN blocks, without vision tower. */
    public static long total(ModelArchitecture arch) {
        return InventoryBuilder.published(arch).parameterCount();
    }

    /** Parameters used per token: total minus the routed experts a token does not visit. */
    public static long active(ModelArchitecture arch) {
        long inactive = 0;
        for (Layer l : arch.layers()) {
            if (l.ffn() instanceof Ffn.Moe m) {
                long perExpert = (m.gated() ? 3L : 2L) * arch.hidden() * m.expertFf();
                inactive += perExpert * (m.experts() - m.used());
            }
        }
        return total(arch) - inactive;
    }
}

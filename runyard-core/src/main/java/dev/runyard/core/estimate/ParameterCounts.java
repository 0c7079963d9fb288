package dev.runyard.core.estimate;

import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;

/**
 * Total and active parameters from the tensor inventory. Counting walks every tensor, and the planner asks for the
 * same architectures thousands of times while ranking, so totals are remembered per architecture instance.
 */
public final class ParameterCounts {
    /** Architecture instances are immutable; identity is the right key (records hash deeply, which is slow). */
    private record Key(ModelArchitecture arch) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.arch == arch;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(arch);
        }
    }

    private static final int MAX_REMEMBERED = 8192;
    private static final java.util.Map<Key, Long> TOTALS = new java.util.concurrent.ConcurrentHashMap<>();

    private ParameterCounts() {
    }

    /** Parameters as publishers count them: the language model without MTP/NextN blocks, without vision tower. */
    public static long total(ModelArchitecture arch) {
        Key k = new Key(arch);
        Long t = TOTALS.get(k);
        if (t == null) {
            t = InventoryBuilder.published(arch).parameterCount();
            rememberTotal(k, t);
        }
        return t;
    }

    /** Parameters used per token: total minus the routed experts a token does not visit. */
    public static long active(ModelArchitecture arch) {
        return ACTIVE.get(arch, "", () -> activeUncached(arch));
    }

    private static final dev.runyard.core.model.ArchMemo<Long> ACTIVE = new dev.runyard.core.model.ArchMemo<>();

    /**
     * Remembers counts for this very instance, computed by {@link #total} and {@link #active} elsewhere (a catalog
     * snapshot written by the same build): a cold ranking then bounds 300+ models' speed without building their
     * inventories. The caller vouches that they are this code's counts.
     */
    public static void remember(ModelArchitecture arch, long total, long active) {
        rememberTotal(new Key(arch), total);
        ACTIVE.put(arch, "", active);
    }

    private static void rememberTotal(Key k, long total) {
        if (TOTALS.size() >= MAX_REMEMBERED) {
            TOTALS.clear(); // bounded: architectures read from user files come and go
        }
        TOTALS.put(k, total);
    }

    private static long activeUncached(ModelArchitecture arch) {
        long inactive = 0;
        for (Layer l : arch.layers()) {
            if (l.ffn() instanceof Ffn.Moe m) {
                long perExpert = (m.gated() ? 3L : 2L) * m.expertWidth(arch.hidden()) * m.expertFf();
                inactive += perExpert * (m.experts() - m.used());
            }
        }
        return total(arch) - inactive;
    }
}

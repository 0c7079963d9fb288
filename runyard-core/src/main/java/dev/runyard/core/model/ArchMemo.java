package dev.runyard.core.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A bounded memo of pure functions of an architecture (and a few scalar arguments), keyed by the architecture's
 * identity. Records hash deeply: hashing a 60-layer architecture on every lookup costs more than some of the
 * functions it would save. Catalog architectures live as long as the process, so identity is the right key; an
 * equal architecture built anew (a local file, a Hub lookup) simply misses. Cleared when full.
 */
public final class ArchMemo<V> {
    private static final int LIMIT = 8192;
    private final Map<Key, V> map = new ConcurrentHashMap<>();

    private record Key(ModelArchitecture arch, Object args) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.arch == arch && k.args.equals(args);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(arch) * 31 + args.hashCode();
        }
    }

    /** Stores a value known to equal what the function gives for {@code arch} and {@code args}. */
    public void put(ModelArchitecture arch, Object args, V value) {
        if (map.size() >= LIMIT) {
            map.clear();
        }
        map.put(new Key(arch, args), value);
    }

    /** The memoized value for {@code arch} and {@code args} (a record or list of the other arguments). */
    public V get(ModelArchitecture arch, Object args, Supplier<V> compute) {
        V v = map.get(new Key(arch, args));
        if (v == null) {
            v = compute.get();
            put(arch, args, v);
        }
        return v;
    }
}

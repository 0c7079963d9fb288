package dev.runyard.app.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Rigs in memory, for tests of pages and routes that do not need a database. */
public final class MemoryRigStore implements RigStore {
    private final List<Rig> rigs = new ArrayList<>();

    @Override
    public synchronized List<Rig> list() {
        List<Rig> out = new ArrayList<>(rigs);
        out.sort(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    @Override
    public synchronized void save(Rig rig) {
        rigs.removeIf(r -> r.name().equalsIgnoreCase(rig.name()));
        rigs.add(rig);
    }
}

package dev.runyard.app.web;

import java.util.List;
import java.util.Optional;

/** Saved rigs: the store ({@link StoreRigStore}); tests keep them in memory. */
public interface RigStore {
    /** All rigs, sorted by name. */
    List<Rig> list();

    /** Saves a rig, replacing one of the same name (case-insensitive). */
    void save(Rig rig);

    default Optional<Rig> find(String name) {
        return list().stream().filter(r -> r.name().equalsIgnoreCase(name.strip())).findFirst();
    }
}

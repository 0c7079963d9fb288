package dev.runyard.app.web;

import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.RigRow;
import java.nio.file.Path;
import java.util.List;

/**
 * Saved rigs in the catalog store (SQLite or PostgreSQL): every save is one transaction, committed before the page
 * answers, so servers sharing the store see each other's rigs and a killed server loses nothing it acknowledged.
 */
public final class StoreRigStore implements RigStore {
    static final int MAX_RIGS = 200;

    private final CatalogStore store;

    public StoreRigStore(CatalogStore store) {
        this.store = store;
    }

    /** Where the rigs are, for messages. */
    public String display() {
        return store.spec().display();
    }

    @Override
    public List<Rig> list() {
        return store.rigs().stream().map(r -> new Rig(r.name(), r.gpu(), r.ramGib())).toList();
    }

    @Override
    public void save(Rig rig) {
        store.saveRig(new RigRow(rig.name(), rig.gpu(), rig.ramGb()), MAX_RIGS);
    }

    /**
     * Imports the rigs of an old rigs file once per path (rigs already saved under the same name win), and removes
     * the temporary files earlier versions left beside it. Returns how many rigs were added.
     */
    public int importFile(Path file) {
        RigsFile.removeStaleTemps(file);
        String source = file.toAbsolutePath().normalize().toString();
        if (store.meta(CatalogStore.RIGS_IMPORTED + source).isPresent()) {
            return 0; // imported before: the store's rigs are the truth now, whatever the file holds
        }
        List<Rig> rigs = RigsFile.read(file);
        if (rigs.isEmpty()) {
            return 0;
        }
        List<RigRow> rows = rigs.stream().map(r -> new RigRow(r.name(), r.gpu(), r.ramGb())).toList();
        return store.importRigs(source, rows, MAX_RIGS);
    }
}

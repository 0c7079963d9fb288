package dev.runyard.app.web;

import java.util.List;

/**
 * The saved rigs as the pages read them: the store is asked at most once a second, and at once after a save through
 * this server. Every page shows the rigs (and every cached page's key holds them), so without this each request,
 * cached or not, would be a store query; a rig saved by another process shows within a second.
 */
final class RecentRigs implements RigStore {
    private static final long MAX_AGE_NANOS = 1_000_000_000L;
    private final RigStore store;
    private volatile List<Rig> rigs;
    private volatile long readAt;

    RecentRigs(RigStore store) {
        this.store = store;
    }

    @Override
    public List<Rig> list() {
        List<Rig> r = rigs;
        if (r == null || System.nanoTime() - readAt > MAX_AGE_NANOS) {
            r = store.list();
            rigs = r;
            readAt = System.nanoTime();
        }
        return r;
    }

    @Override
    public void save(Rig rig) {
        store.save(rig);
        rigs = null;
    }
}

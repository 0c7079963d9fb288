package dev.runyard.app.store;

import java.time.Instant;
import java.util.Set;

/**
 * What one visit to the radar marks new: the catalog models first listed after the visitor's previous visit.
 *
 * @param previousAt when the previous visit was; null on a first visit (nothing is marked, the visit is remembered)
 * @param fresh      the ids of the catalog models new to this visitor
 */
public record RadarVisit(Instant previousAt, Set<String> fresh) {
    public RadarVisit {
        fresh = Set.copyOf(fresh);
    }

    public boolean first() {
        return previousAt == null;
    }
}

package dev.runyard.app.web;

import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.RadarVisit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where the radar page keeps each visitor's last visit: the store ({@link #of}); tests without one mark nothing. */
@FunctionalInterface
public interface VisitLog {
    /** Looks within this long of the last one are the same visit: a reload keeps its marks. */
    Duration SESSION = Duration.ofMinutes(30);

    /** Marks nothing, remembers nothing. */
    VisitLog NONE = (visitor, catalogIds) -> null;

    /**
     * Records one look at the radar and says what is new to {@code visitor} among {@code catalogIds}; null when this
     * log keeps nothing. May throw when the store fails (the page then shows no marks).
     */
    RadarVisit visit(String visitor, List<String> catalogIds);

    static VisitLog of(CatalogStore store) {
        return of(store, Instant::now);
    }

    /** As {@link #of(CatalogStore)} on another clock (tests step over the session window). */
    static VisitLog of(CatalogStore store, java.util.function.Supplier<Instant> clock) {
        return (visitor, ids) -> store.radarVisit(visitor, ids, clock.get(), SESSION, true);
    }
}

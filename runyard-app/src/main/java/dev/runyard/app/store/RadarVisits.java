package dev.runyard.app.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The radar's visit log (migration V8): when each catalog model was first listed and when each visitor last looked.
 * A release is new to a visitor when it was first listed after their previous visit; a visit that returns within
 * the session window (a reload) keeps the baseline it started with, so its marks do not vanish on the second look.
 */
final class RadarVisits {
    /** Visits not seen again for this long are forgotten (the web cookie lives as long: 400 days, the browsers' cap). */
    static final Duration RETENTION = Duration.ofDays(400);
    /** The most visitors kept; the least recently seen go first. */
    static final int MAX_VISITORS = 10_000;
    /** Fixed width (milliseconds always written) so that instants order as text, in SQL as in Java. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private record Row(Instant visitedAt, Instant previousAt) {
    }

    private RadarVisits() {
    }

    /**
     * One visit: what is new to {@code visitor} among {@code catalogIds} (the whole catalog the surface lists, not only
     * the rows shown, so a filtered view never makes the others look new later), and with {@code record} the visit
     * remembered. Without {@code record} nothing is written.
     *
     * @param session a look within this long of the last one is the same visit (zero: every look is a new visit)
     */
    static RadarVisit visit(Handle h, String visitor, Collection<String> catalogIds, Instant now, Duration session,
                            boolean record) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Optional<Row> row = h.createQuery("SELECT visited_at, previous_at FROM radar_visits WHERE visitor = :v")
                .bind("v", visitor).map((rs, ctx) -> new Row(parse(rs.getString("visited_at")),
                        parse(rs.getString("previous_at")))).findOne();
        Instant previous = row.map(r -> r.visitedAt().plus(session).isBefore(at) || session.isZero()
                ? r.visitedAt() : r.previousAt()).orElse(null);
        Map<String, Instant> firstSeen = new HashMap<>();
        h.createQuery("SELECT model_id, first_seen_at FROM radar_models")
                .map((rs, ctx) -> Map.entry(rs.getString("model_id"), parse(rs.getString("first_seen_at"))))
                .forEach(e -> firstSeen.put(e.getKey(), e.getValue()));
        Set<String> fresh = new LinkedHashSet<>();
        if (previous != null) {
            for (String id : catalogIds) {
                // never listed: not in the catalog at any recorded visit, so newer than the previous one
                Instant seen = firstSeen.get(id);
                if (seen == null || seen.isAfter(previous)) {
                    fresh.add(id);
                }
            }
        }
        if (record) {
            remember(h, visitor, catalogIds, firstSeen, at, previous, row.isEmpty());
        }
        return new RadarVisit(previous, fresh);
    }

    private static void remember(Handle h, String visitor, Collection<String> catalogIds, Map<String, Instant> firstSeen,
                                 Instant at, Instant previous, boolean newVisitor) {
        PreparedBatch b = h.prepareBatch("INSERT INTO radar_models (model_id, first_seen_at) VALUES (:id, :t) "
                + "ON CONFLICT (model_id) DO NOTHING");
        int added = 0;
        for (String id : catalogIds) {
            if (!firstSeen.containsKey(id)) {
                b.bind("id", id).bind("t", TIME.format(at)).add();
                added++;
            }
        }
        if (added > 0) {
            b.execute();
        }
        h.createUpdate("INSERT INTO radar_visits (visitor, visited_at, previous_at) VALUES (:v, :t, :p) "
                        + "ON CONFLICT (visitor) DO UPDATE SET visited_at = excluded.visited_at, previous_at = excluded.previous_at")
                .bind("v", visitor).bind("t", TIME.format(at)).bind("p", previous == null ? null : TIME.format(previous))
                .execute();
        if (newVisitor) {
            // Only a new visitor makes the table longer: prune then, by age and by count.
            h.createUpdate("DELETE FROM radar_visits WHERE visited_at < :cut")
                    .bind("cut", TIME.format(at.minus(RETENTION))).execute();
            h.createUpdate("DELETE FROM radar_visits WHERE visited_at < (SELECT visited_at FROM radar_visits "
                    + "ORDER BY visited_at DESC LIMIT 1 OFFSET :max)").bind("max", MAX_VISITORS - 1).execute();
        }
    }

    /** How many visitors are remembered (tests of the bound). */
    static long visitors(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM radar_visits").mapTo(Long.class).one();
    }

    private static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }
}

package dev.runyard.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The radar's visit log (V8) on SQLite and on a real PostgreSQL: what is new, reloads, no-record, and the bounds. */
class RadarVisitsTest {
    static final Duration SESSION = Duration.ofMinutes(30);
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    static Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void aModelAddedAfterTheLastVisitIsNewUntilTheNextVisit(TestDatabases db) {
        try (CatalogStore s = CatalogStore.openEmpty(DbSpec.resolve(db.newDb()))) {
            List<String> before = List.of("a/one", "b/two");
            List<String> after = List.of("a/one", "b/two", "c/three");
            RadarVisit first = s.radarVisit("web:x", before, T0, SESSION, true);
            assertThat(first.first()).isTrue();
            assertThat(first.fresh()).isEmpty();
            // a reload within the session has no baseline either
            assertThat(s.radarVisit("web:x", before, T0.plusSeconds(60), SESSION, true).fresh()).isEmpty();
            // the catalog gains c/three; the next visit (after the session) marks it, and so do its reloads
            Instant next = T0.plus(Duration.ofHours(2));
            RadarVisit second = s.radarVisit("web:x", after, next, SESSION, true);
            assertThat(second.previousAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(second.fresh()).containsExactly("c/three");
            assertThat(s.radarVisit("web:x", after, next.plusSeconds(600), SESSION, true).fresh()).containsExactly("c/three");
            // a model listed during a visit (a reload) is new in that visit, and seen by the next one
            List<String> later = List.of("a/one", "b/two", "c/three", "e/five");
            assertThat(s.radarVisit("web:x", later, next.plusSeconds(900), SESSION, true).fresh())
                    .containsExactlyInAnyOrder("c/three", "e/five");
            assertThat(s.radarVisit("web:x", later, next.plus(Duration.ofHours(1)), SESSION, true).fresh()).isEmpty();
            // another visitor who came before c/three was listed sees it new; one who never came sees nothing new
            s.radarVisit("web:y", before, T0.plusSeconds(30), SESSION, true);
            assertThat(s.radarVisit("web:y", later, next.plus(Duration.ofHours(3)), SESSION, true).fresh())
                    .containsExactlyInAnyOrder("c/three", "e/five");
            assertThat(s.radarVisit("web:z", after, next, SESSION, true).first()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void everyCliRunIsAVisitAndNoRecordWritesNothing(TestDatabases db) {
        try (CatalogStore s = CatalogStore.openEmpty(DbSpec.resolve(db.newDb()))) {
            s.radarVisit("cli:me", List.of("a/one"), T0, Duration.ZERO, true);
            List<String> after = List.of("a/one", "d/four");
            // --no-record: marks against the last recorded run, and nothing changes, so the next run marks it too
            assertThat(s.radarVisit("cli:me", after, T0.plusSeconds(1), Duration.ZERO, false).fresh()).containsExactly("d/four");
            assertThat(s.radarVisit("cli:me", after, T0.plusSeconds(2), Duration.ZERO, false).fresh()).containsExactly("d/four");
            assertThat(s.radarVisitors()).isEqualTo(1);
            assertThat(s.radarVisit("cli:me", after, T0.plusSeconds(3), Duration.ZERO, true).fresh()).containsExactly("d/four");
            // with no session window even an immediate rerun is a new visit
            assertThat(s.radarVisit("cli:me", after, T0.plusSeconds(4), Duration.ZERO, true).fresh()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void visitsArePrunedByAgeAndByCount(TestDatabases db) {
        try (CatalogStore s = CatalogStore.openEmpty(DbSpec.resolve(db.newDb()))) {
            s.radarVisit("web:old", List.of("a/one"), T0, SESSION, true);
            Instant later = T0.plus(RadarVisits.RETENTION).plusSeconds(1);
            s.radarVisit("web:new", List.of("a/one"), later, SESSION, true);
            assertThat(s.radarVisitors()).isEqualTo(1);
            assertThat(s.radarVisit("web:old", List.of("a/one"), later.plusSeconds(1), SESSION, false).first()).isTrue();

            // fill the table to its bound with visits older than "web:new", then one more visitor comes
            s.inTransaction(w -> {
                PreparedBatch b = w.handle().prepareBatch(
                        "INSERT INTO radar_visits (visitor, visited_at, previous_at) VALUES (:v, :t, NULL)");
                for (int i = 0; i < RadarVisits.MAX_VISITORS; i++) {
                    b.bind("v", "web:filler" + i).bind("t", later.minusSeconds(RadarVisits.MAX_VISITORS - i).toString()
                            .replace("Z", ".000Z")).add();
                }
                b.execute();
            });
            s.radarVisit("web:newest", List.of("a/one"), later.plusSeconds(5), SESSION, true);
            assertThat(s.radarVisitors()).isEqualTo(RadarVisits.MAX_VISITORS);
            // the least recently seen went first; the newest and the one just before stay (a look an hour later is
            // a new visit of theirs, with a previous one; a forgotten visitor is on a first visit again)
            Instant hourLater = later.plus(Duration.ofHours(1));
            assertThat(s.radarVisit("web:filler0", List.of("a/one"), hourLater, SESSION, false).first()).isTrue();
            assertThat(s.radarVisit("web:filler2", List.of("a/one"), hourLater, SESSION, false).first()).isFalse();
            assertThat(s.radarVisit("web:new", List.of("a/one"), hourLater, SESSION, false).first()).isFalse();
            assertThat(s.radarVisit("web:newest", List.of("a/one"), hourLater, SESSION, false).first()).isFalse();
        }
    }
}

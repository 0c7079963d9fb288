package dev.runyard.app.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** The radar's order, checked on the releases of GET /api/v1/radar (the other surfaces are held equal to it). */
final class RadarOrder {
    private RadarOrder() {
    }

    /**
     * Months never go up; within a month, plans that fit come first by score (never up), then models that do not fit,
     * then models without a config, each newer first. And the hardware really orders: at least one month is not in
     * date order, so the check cannot pass on a list sorted by date alone.
     */
    static void assertRanked(JsonNode releases) {
        boolean reordered = false;
        for (int i = 1; i < releases.size(); i++) {
            JsonNode a = releases.get(i - 1);
            JsonNode b = releases.get(i);
            String what = a.path("id").asText() + " before " + b.path("id").asText();
            String ma = month(a);
            String mb = month(b);
            assertThat(ma).as(what).isGreaterThanOrEqualTo(mb);
            if (!ma.equals(mb)) {
                continue;
            }
            assertThat(tier(a)).as(what).isLessThanOrEqualTo(tier(b));
            if (tier(a) == 0 && tier(b) == 0) {
                assertThat(a.path("best").path("score").asDouble()).as(what)
                        .isGreaterThanOrEqualTo(b.path("best").path("score").asDouble());
            } else if (tier(a) == tier(b)) {
                assertThat(a.path("release_date").asText()).as(what).isGreaterThanOrEqualTo(b.path("release_date").asText());
            }
            reordered |= a.path("release_date").asText().compareTo(b.path("release_date").asText()) < 0;
        }
        assertThat(reordered).as("some month ranked for the hardware, not by date").isTrue();
    }

    private static String month(JsonNode r) {
        String d = r.path("release_date").asText();
        return d.length() >= 7 ? d.substring(0, 7) : d;
    }

    /** 0 fits, 1 does not fit, 2 cannot be sized. */
    private static int tier(JsonNode r) {
        return !r.path("best").isNull() ? 0 : r.path("sizable").asBoolean() ? 1 : 2;
    }
}

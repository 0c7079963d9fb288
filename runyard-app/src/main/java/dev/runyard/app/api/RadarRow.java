package dev.runyard.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One release in {@code radar --json}: its memory at the radar's setting (a requirements plan) and, on a machine,
 * the plan {@code fit} would pick for it ({@code best_variant}, null without hardware or when nothing fits), so the
 * radar and fit never disagree.
 *
 * @param fit   "fits", "does_not_fit", or "unknown" without a config
 * @param fresh "new": first listed in this store after the previous recorded {@code radar} run (false on a first run)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RadarRow(String id, String name, String releaseDate, Long paramsTotal, String fit, Long totalBytes,
                       PlanView bestVariant, @JsonProperty("new") boolean fresh) {
}

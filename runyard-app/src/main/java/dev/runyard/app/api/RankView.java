package dev.runyard.app.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code GET /api/v1/rank}: the machine, the use case and the ranked plans (the rows of {@code fit --json}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RankView(String machine, String useCase, List<PlanView> results, List<String> warnings) {
}

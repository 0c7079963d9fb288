package dev.runyard.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * One plan as every surface prints it: a row of {@code fit --json} and {@code /api/v1/rank}, the answer of
 * {@code run --json}, a column's best variant in {@code compare}. {@code score} and {@code score_components} are
 * set when the plan was ranked; {@code machine} and {@code use_case} where the surface adds them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlanView(String model, String name, String quant, String engine, long context, long totalBytes,
                       List<Long> deviceBytes, long hostBytes, String fit, Double decodeTokensPerS,
                       Double prefillTokensPerS, @JsonInclude(JsonInclude.Include.NON_NULL) Double score,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> scoreComponents,
                       String command, List<String> commandWhy, List<String> notes, int tensorParallel,
                       Views.Artifact artifact, Views.Placement placement, Views.Speed speed, List<String> warnings,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String machine,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String useCase) {
    /** The same view with the machine and use case a listing adds to each row. */
    public PlanView with(String machine, String useCase) {
        return new PlanView(model, name, quant, engine, context, totalBytes, deviceBytes, hostBytes, fit,
                decodeTokensPerS, prefillTokensPerS, score, scoreComponents, command, commandWhy, notes,
                tensorParallel, artifact, placement, speed, warnings, machine, useCase);
    }
}

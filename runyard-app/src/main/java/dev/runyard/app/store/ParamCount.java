package dev.runyard.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;

/**
 * A model's parameter counts as stored: computed from its config (core's {@link ArchitectureReader} and
 * {@link ParameterCounts}) when the basis is "config" and the config reads, else the published figures.
 */
public record ParamCount(Long total, Long active, String basis) {
    public static final String CONFIG = "config";
    public static final String PUBLISHED = "published";

    /** Counts for one model; a config core cannot read falls back to the published figures. */
    public static ParamCount of(String id, JsonNode config, String basis, Long publishedTotal, Long publishedActive) {
        if (CONFIG.equals(basis) && config != null && config.isObject() && !config.isEmpty()) {
            try {
                ModelArchitecture a = ArchitectureReader.read(HfConfig.of(config, id));
                return new ParamCount(ParameterCounts.total(a), ParameterCounts.active(a), CONFIG);
            } catch (RuntimeException e) {
                // An architecture core does not know yet: keep the published figures.
            }
        }
        Long active = publishedActive != null ? publishedActive : publishedTotal;
        return new ParamCount(publishedTotal, active, PUBLISHED);
    }
}

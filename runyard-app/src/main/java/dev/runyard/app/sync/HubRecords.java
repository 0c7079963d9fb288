package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.Origin;
import dev.runyard.app.store.ParamCount;
import java.util.List;

/** Turns a Hub API answer (plus its config.json) into a store record. */
final class HubRecords {
    private HubRecords() {
    }

    static ModelRecord model(JsonNode repo, JsonNode config, RepoKind.Model kind) {
        String id = repo.path("id").asText();
        String author = id.substring(0, id.indexOf('/'));
        JsonNode card = repo.path("cardData");
        Long published = repo.path("safetensors").path("total").isNumber()
                ? repo.path("safetensors").path("total").asLong() : null;
        ParamCount p = ParamCount.of(id, config, config != null ? ParamCount.CONFIG : ParamCount.PUBLISHED, published, null);
        String created = repo.path("createdAt").asText("");
        String family = config != null && config.path("model_type").isTextual() ? config.get("model_type").asText() : null;
        List<String> modalities = repo.path("pipeline_tag").asText().startsWith("image-text")
                ? List.of("text", "image") : List.of("text");
        return new ModelRecord(id, id.substring(id.indexOf('/') + 1), family, author, kind.baseModel(),
                kind.distill() ? kind.baseModel() : null, created.length() >= 10 ? created.substring(0, 10) : null,
                license(card.path("license")), true, modalities, contextLength(config), p.total(), p.active(), published,
                p.basis(), config, "https://huggingface.co/" + id,
                "synced from the Hub (lastModified " + repo.path("lastModified").asText() + ")", Origin.SYNC, null,
                List.of(), List.of(), List.of());
    }

    private static String license(JsonNode l) {
        if (l.isTextual()) {
            return l.asText();
        }
        return l.isArray() && l.size() > 0 ? l.get(0).asText() : null;
    }

    private static Long contextLength(JsonNode config) {
        if (config == null) {
            return null;
        }
        JsonNode c = config.path("max_position_embeddings");
        if (!c.isNumber()) {
            c = config.path("text_config").path("max_position_embeddings");
        }
        return c.isNumber() && c.asLong() > 0 ? c.asLong() : null;
    }
}

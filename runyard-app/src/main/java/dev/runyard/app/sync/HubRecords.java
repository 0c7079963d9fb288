package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.entry.CatalogJson;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.Origin;
import dev.runyard.app.store.ParamCount;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a Hub API answer against the repo it was asked for, and turns it (plus its config.json) into a store
 * record. Hub answers are input from outside: the detail must name the listed repo, its arrays must be arrays of
 * bounded length, and a field that is present but malformed is dropped rather than stored.
 */
final class HubRecords {
    /** Owner and name as the Hub allows them (letters, digits, "-", "_", "."), each at most 96 characters. */
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    /** More files than this is not a model repository (the largest real ones hold a few thousand). */
    static final int MAX_SIBLINGS = 100_000;
    static final int MAX_TAGS = 10_000;
    /** Parameters above this (a quadrillion) are not a model's; a published count beyond it is dropped. */
    static final long MAX_PARAMS = 1_000_000_000_000_000L;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");
    private static final int MAX_TEXT = 200;

    private HubRecords() {
    }

    static boolean isRepoId(String s) {
        return s != null && REPO_ID.matcher(s).matches() && !s.contains("..");
    }

    /** The detail answer for {@code listed}, if it is a record of that repo; else a {@link BadRecordException}. */
    static JsonNode checkedDetail(JsonNode detail, Listed listed) {
        if (!detail.isObject()) {
            throw new BadRecordException("the Hub's answer is not a JSON object: " + excerpt(detail));
        }
        JsonNode id = detail.get("id");
        if (id == null || !id.isTextual()) {
            throw new BadRecordException("the Hub's answer has no repo id");
        }
        if (!id.asText().equals(listed.id())) {
            throw new BadRecordException("the Hub's answer is for " + excerpt(id) + ", not the repo listed");
        }
        checkArray(detail, "siblings", MAX_SIBLINGS);
        checkArray(detail, "tags", MAX_TAGS);
        JsonNode card = detail.get("cardData");
        if (card != null && !card.isNull() && !card.isObject()) {
            throw new BadRecordException("cardData is not an object");
        }
        return detail;
    }

    private static void checkArray(JsonNode detail, String field, int max) {
        JsonNode a = detail.get(field);
        if (a != null && !a.isNull() && (!a.isArray() || a.size() > max)) {
            throw new BadRecordException(field + " is not an array of at most " + max + " entries");
        }
    }

    /** The catalog entry of a synced base model, in the data files' shape, read by the one mapper. */
    static ModelRecord model(Listed listed, JsonNode repo, JsonNode config, RepoKind.Model kind) {
        String id = listed.id();
        JsonNode card = repo.path("cardData");
        JsonNode total = repo.path("safetensors").path("total");
        Long published = total.canConvertToLong() && total.asLong() > 0 && total.asLong() <= MAX_PARAMS
                ? total.asLong() : null;
        String created = text(repo.path("createdAt"));
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("id", id);
        e.put("name", id.substring(id.indexOf('/') + 1));
        e.put("family", config != null ? text(config.path("model_type")) : null);
        e.put("org", listed.author());
        e.put("base_model", kind.baseModel());
        e.put("distilled_from", kind.distill() ? kind.baseModel() : null);
        e.put("release_date", created != null && DATE.matcher(created).matches() ? created.substring(0, 10) : null);
        e.put("license", license(card.path("license")));
        e.put("open_weights", true);
        e.putArray("modalities").add("text");
        if (repo.path("pipeline_tag").asText().startsWith("image-text")) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("modalities")).add("image");
        }
        e.put("context_length", contextLength(config));
        e.put("params_total", published);
        e.put("params_basis", config != null ? ParamCount.CONFIG : ParamCount.PUBLISHED);
        if (config != null && config.isObject()) {
            e.set("config", config);
        }
        e.putArray("sources").add("https://huggingface.co/" + id);
        e.put("notes", "synced from the Hub (lastModified " + listed.lastModified() + ")");
        return ModelRecord.of(CatalogJson.entry(e), Origin.SYNC);
    }

    /** A short, printable rendering of a hostile value for a warning line. */
    static String excerpt(JsonNode n) {
        String s = n == null ? "null" : n.isTextual() ? n.asText() : n.toString();
        s = s.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** A string field of sensible length, else null. */
    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() && n.asText().length() <= MAX_TEXT ? n.asText() : null;
    }

    private static String license(JsonNode l) {
        return text(l.isArray() && l.size() > 0 ? l.get(0) : l);
    }

    private static Long contextLength(JsonNode config) {
        if (config == null) {
            return null;
        }
        JsonNode c = config.path("max_position_embeddings");
        if (!c.isNumber()) {
            c = config.path("text_config").path("max_position_embeddings");
        }
        return c.canConvertToLong() && c.asLong() > 0 ? c.asLong() : null;
    }
}

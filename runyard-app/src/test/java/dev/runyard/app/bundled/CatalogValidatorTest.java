package dev.runyard.app.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema check the store's loader runs: shipped files pass; a broken one names its file, entry and field. */
class CatalogValidatorTest {
    @Test
    void everyShippedFileIsWellFormed() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : BundledCatalog.files().entrySet()) {
            problems.addAll(CatalogValidator.validate(f.getKey(), f.getValue()));
        }
        assertThat(BundledCatalog.files()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void aMalformedEntryNamesFileEntryAndField() {
        JsonNode root = BundledCatalog.files().get("qwen.json").deepCopy();
        ObjectNode first = (ObjectNode) root.get("models").get(0);
        first.put("release_date", "March 2025");
        first.put("context_length", -1);
        ((ObjectNode) first.get("benchmarks").get(0)).put("score", "high");
        List<String> problems = CatalogValidator.validate("qwen.json", root);
        String id = first.get("id").asText();
        assertThat(problems).containsExactly(
                "qwen.json: models[0] (" + id + "): field \"release_date\" must be a date YYYY-MM-DD or null",
                "qwen.json: models[0] (" + id + "): field \"context_length\" must be a positive integer or null",
                "qwen.json: models[0] (" + id + ") benchmarks[0]: field \"score\" must be a number");
        assertThat(CatalogValidator.validate("x.json", new ObjectMapper().createObjectNode()))
                .containsExactly("x.json: field \"models\" must be an array");
    }
}

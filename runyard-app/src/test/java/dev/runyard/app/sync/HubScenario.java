package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.bundled.BundledCatalog;

/**
 * The Hub the sync tests see, oldest change first: a bundled model touched again (unchanged), a new Qwen model with
 * its config, an AWQ copy of a bundled model, a bartowski GGUF of the new model, and a distill of the new model.
 */
final class HubScenario {
    static final String BUNDLED = "Qwen/Qwen3-8B";
    static final String NEW = "Qwen/Qwen9-7B";
    static final String AWQ = "Qwen/Qwen3-8B-AWQ-2030";
    static final String GGUF = "bartowski/Qwen9-7B-GGUF";
    static final String DISTILL = "deepseek-ai/DeepSeek-R9-Distill-Qwen9-7B";

    private HubScenario() {
    }

    static void install(FakeHub hub) {
        hub.repo("Qwen", BUNDLED, "2030-01-01T00:00:00.000Z");
        ObjectNode n = hub.repo("Qwen", NEW, "2030-01-02T00:00:00.000Z");
        n.put("pipeline_tag", "text-generation");
        n.putObject("safetensors").put("total", 8_190_735_360L);
        ((ObjectNode) n.get("cardData")).put("license", "apache-2.0");
        JsonNode config = BundledCatalog.require(BUNDLED).config().deepCopy();
        hub.configs.put(NEW, config);
        ObjectNode awq = hub.repo("Qwen", AWQ, "2030-01-03T00:00:00.000Z");
        ((ObjectNode) awq.get("cardData")).put("base_model", BUNDLED);
        awq.withArray("tags").add("awq");
        ObjectNode gguf = hub.repo("bartowski", GGUF, "2030-01-04T00:00:00.000Z");
        ((ObjectNode) gguf.get("cardData")).putArray("base_model").add(NEW);
        for (String f : new String[] {"Qwen9-7B-Q4_K_M.gguf", "Qwen9-7B-Q8_0.gguf", "mmproj-Qwen9-7B-f16.gguf",
                "Qwen9-7B-IQ4_XS.gguf", "README.md", "Q6_K/Qwen9-7B-Q6_K-00001-of-00002.gguf"}) {
            gguf.withArray("siblings").addObject().put("rfilename", f).put("size", 1000);
        }
        ObjectNode d = hub.repo("deepseek-ai", DISTILL, "2030-01-05T00:00:00.000Z");
        ((ObjectNode) d.get("cardData")).put("base_model", NEW).put("license", "mit");
        hub.configs.put(DISTILL, config);
    }
}

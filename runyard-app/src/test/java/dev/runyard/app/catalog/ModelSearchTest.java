package dev.runyard.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The search's matching rules on the bundled catalog and on their own. */
class ModelSearchTest {
    private static final ModelSearch SEARCH = new ModelSearch(new BundledCatalogSource());

    private static List<String> ids(String q, int n) {
        return SEARCH.search(q, n).stream().map(h -> h.model().id()).toList();
    }

    @Test
    void wordsSplitAtAnythingNotALetterOrDigit() {
        assertThat(ModelSearch.words("Qwen3.6-27B")).containsExactly("qwen3", "6", "27b");
        assertThat(ModelSearch.words("  ")).isEmpty();
        assertThat(ModelSearch.words(null)).isEmpty();
    }

    @Test
    void oneEditApartMeansExactlyOne() {
        assertThat(ModelSearch.oneEditApart("deepsek", "deepseek")).isTrue();   // insertion
        assertThat(ModelSearch.oneEditApart("deepseeek", "deepseek")).isTrue(); // deletion
        assertThat(ModelSearch.oneEditApart("deepseak", "deepseek")).isTrue();  // substitution
        assertThat(ModelSearch.oneEditApart("deepseek", "deepseek")).isFalse(); // none
        assertThat(ModelSearch.oneEditApart("depsek", "deepseek")).isFalse();   // two
        assertThat(ModelSearch.oneEditApart("gemmaa", "gemma")).isTrue();
        assertThat(ModelSearch.oneEditApart("gemmaaa", "gemma")).isFalse();
    }

    @Test
    void everyWordMustMatchAndSizesAreWordsNotSubstrings() {
        // "27b" is a size: Qwen2-7B's "2-7B" and the MoE's "A2.7B" are not 27B models
        assertThat(ids("qwen 27b", 20)).isNotEmpty().allSatisfy(id -> assertThat(id).contains("27B"));
        assertThat(ids("llama 8b", 20)).isNotEmpty().allSatisfy(id -> assertThat(id.toLowerCase()).contains("llama"));
        assertThat(ids("qwen nonexistentword", 5)).isEmpty();
        assertThat(ids("", 5)).isEmpty();
    }

    @Test
    void theNameInOrderWinsAndFewerExtraWordsComeFirst() {
        assertThat(ids("v4 flash", 3).get(0)).isEqualTo("deepseek-ai/DeepSeek-V4-Flash");
        assertThat(ids("gpt oss", 5)).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("openai/gpt-oss"));
        assertThat(ids("gptoss", 5)).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("openai/gpt-oss"));
        assertThat(ids("Qwen/Qwen3-8B", 1)).containsExactly("Qwen/Qwen3-8B");
    }
}

package dev.runyard.core.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a model is for. Chat lists (the default of {@code fit}) show the chat-capable kinds; {@code --kind} selects
 * any. Derived from the repository id and name as publishers spell them ("-Guard", "-Base", "-Coder", "-Thinking",
 * "-Embedding", "Reward", "-VL"), and from the catalog's modalities.
 */
public enum ModelKind {
    CHAT, REASONING, CODER, VISION, EMBEDDING, GUARD, REWARD, BASE;

    private static final Pattern BASE_NAME = Pattern.compile("(?i).*(-pt|-base|-base-\\d+)$|.*-base-.*");

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a general chat list shows this kind. */
    public boolean chatCapable() {
        return this == CHAT || this == REASONING || this == CODER || this == VISION;
    }

    public static ModelKind parse(String s) {
        for (ModelKind k : values()) {
            if (k.key().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw dev.runyard.core.error.RunyardException.badInput("unknown kind \"" + s + "\"",
                "use chat, reasoning, coder, vision, embedding, guard, reward or base");
    }

    /** The kind of a model from its id, name and whether it takes images. */
    public static ModelKind of(String id, String name, boolean vision) {
        // Asked for every catalog model by every ranking (the kind filter): remembered per id, name and tower.
        Key key = new Key(id, name, vision);
        ModelKind k = KNOWN.get(key);
        if (k == null) {
            k = classify(id, name, vision);
            if (KNOWN.size() >= 16_384) {
                KNOWN.clear(); // bounded: ids read from user files and the Hub come and go
            }
            KNOWN.put(key, k);
        }
        return k;
    }

    private record Key(String id, String name, boolean vision) {
    }

    private static final java.util.Map<Key, ModelKind> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    private static ModelKind classify(String id, String name, boolean vision) {
        String repo = id.substring(id.indexOf('/') + 1);
        String s = (repo + " " + (name == null ? "" : name)).toLowerCase(Locale.ROOT);
        if (s.contains("guard") || s.contains("shieldgemma") || s.contains("safety")) {
            return GUARD;
        }
        if (s.contains("reward") || s.matches(".*-rm(-|\\b).*") || s.contains("-prm")) {
            return REWARD;
        }
        if (s.contains("embed") || s.contains("rerank")) {
            return EMBEDDING;
        }
        if (BASE_NAME.matcher(id).matches() || s.contains("(base)") || s.endsWith(" base")) {
            return BASE;
        }
        if (s.contains("coder") || s.contains("codestral") || s.contains("devstral") || s.contains("starcoder")
                || s.contains("codellama") || s.contains("code-llama") || s.contains("deepseek-coder")
                || s.contains("codegemma") || s.contains("granite-code")) {
            return CODER;
        }
        if (s.contains("thinking") || s.contains("reasoning") || s.contains("-r1") || s.contains("qwq")
                || s.contains("magistral") || s.contains("-think") || s.contains("o1-") || s.contains("phi-4-mini-flash")) {
            return REASONING;
        }
        if (vision || s.contains("-vl") || s.contains("vision") || s.contains("llava") || s.contains("pixtral")) {
            return VISION;
        }
        return CHAT;
    }
}

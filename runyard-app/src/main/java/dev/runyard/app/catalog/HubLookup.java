package dev.runyard.app.catalog;

import java.util.function.Function;

/**
 * How to look up a repository outside the catalog: the Hub ({@code --hub-url}; null: the environment's), the store
 * that keeps what was read ({@code --db}; null: {@code RUNYARD_DB}, else the default file), whether to read the
 * Hub again instead of the kept copy ({@code --refresh}), the environment ({@code HF_TOKEN},
 * {@code RUNYARD_HF_ENDPOINT}, {@code HF_ENDPOINT}, the {@code RUNYARD_HTTP_*} limits) read through {@code env}, and
 * for a repo of GGUF files only, which file's header to read ({@code --quant}; null: the only quant, else Q4_K_M).
 */
public record HubLookup(String hubUrl, String db, boolean refresh, Function<String, String> env, String ggufQuant) {
    /** The environment's Hub and store, kept copies used. */
    public static final HubLookup DEFAULT = new HubLookup(null, null, false);

    public HubLookup {
        env = env == null ? System::getenv : env;
    }

    public HubLookup(String hubUrl, String db, boolean refresh, Function<String, String> env) {
        this(hubUrl, db, refresh, env, null);
    }

    /** A lookup that reads the process environment. */
    public HubLookup(String hubUrl, String db, boolean refresh) {
        this(hubUrl, db, refresh, System::getenv);
    }

    /** This lookup choosing the GGUF file of {@code quant} (null: the default choice). */
    public HubLookup withGgufQuant(String quant) {
        return new HubLookup(hubUrl, db, refresh, env, quant);
    }
}

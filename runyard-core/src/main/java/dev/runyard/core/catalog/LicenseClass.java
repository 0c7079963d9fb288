package dev.runyard.core.catalog;

import java.util.Locale;
import java.util.Set;

/**
 * What a model's licence lets a user do commercially. {@code --license commercial} keeps {@link #PERMISSIVE} only:
 * licences with no conditions a user must check before shipping (Apache-2.0, MIT, BSD …). Custom model licences that
 * allow commercial use under conditions (Llama's MAU cap and naming rule, Gemma's use policy, Qwen's and DeepSeek's
 * restrictions, OpenRAIL use clauses) are {@link #CONDITIONAL}. A licence the catalog does not know is
 * {@link #UNKNOWN}, shown as such and never counted as open.
 */
public enum LicenseClass {
    PERMISSIVE, CONDITIONAL, NON_COMMERCIAL, UNKNOWN;

    private static final Set<String> PERMISSIVE_IDS = Set.of("apache-2.0", "mit", "bsd-2-clause", "bsd-3-clause",
            "bsd", "isc", "cc-by-4.0", "cc0-1.0", "unlicense", "zlib", "upl-1.0", "mpl-2.0", "cdla-permissive-2.0");
    private static final Set<String> NON_COMMERCIAL_IDS = Set.of("cc-by-nc-4.0", "cc-by-nc-sa-4.0", "cc-by-nc-nd-4.0",
            "cc-by-nc-2.0", "research", "mnpl", "mrl", "non-commercial", "apple-ascl", "llama2-research",
            "fair-noncommercial-research-license");

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The class of a licence id as the catalog writes it (SPDX where one exists); null or blank is unknown. */
    public static LicenseClass of(String license) {
        if (license == null) {
            return UNKNOWN;
        }
        LicenseClass c = KNOWN.get(license);
        if (c == null) {
            c = classify(license);
            if (KNOWN.size() >= 4096) {
                KNOWN.clear();
            }
            KNOWN.put(license, c);
        }
        return c;
    }

    /** Licence strings repeat across the catalog, and every ranking's filter asks for each model's. */
    private static final java.util.Map<String, LicenseClass> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    private static LicenseClass classify(String license) {
        if (license == null || license.isBlank() || license.equalsIgnoreCase("unknown")
                || license.equalsIgnoreCase("other")) {
            return UNKNOWN;
        }
        String l = license.trim().toLowerCase(Locale.ROOT);
        if (PERMISSIVE_IDS.contains(l)) {
            return PERMISSIVE;
        }
        if (NON_COMMERCIAL_IDS.contains(l) || l.contains("-nc") || l.endsWith(" nc") || l.contains("noncommercial")
                || l.contains("non-commercial") || l.contains("research")) {
            return NON_COMMERCIAL;
        }
        return CONDITIONAL;
    }
}

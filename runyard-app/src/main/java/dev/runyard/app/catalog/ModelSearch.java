package dev.runyard.app.catalog;

import dev.runyard.core.catalog.CatalogModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fuzzy model search over id, name, family, organisation and derived aliases (the size, "30b"; the name without
 * separators, "gptoss"). Every word of the query must match a word of the model: exactly, as a prefix ("qwen" →
 * "qwen3"), inside the joined name ("v4flash"), or one typo away for words of five letters or more ("deepsek").
 * Ties go to the newer release, then the shorter name. Built once per catalog; a search is a scan of a few hundred
 * small word sets.
 */
public final class ModelSearch {
    /** One match: the model and how well it matched (higher is better). */
    public record Hit(CatalogModel model, double score) {
    }

    private record Entry(CatalogModel model, Set<String> words, String joined, int nameWords) {
    }

    private final List<Entry> entries;

    public ModelSearch(CatalogSource catalog) {
        List<Entry> list = new ArrayList<>();
        for (CatalogModel m : catalog.models()) {
            Set<String> words = new TreeSet<>();
            String org = catalog.facts(m.id()).map(ModelFacts::org).orElse(null);
            for (String s : new String[]{m.id(), m.name(), m.family(), org, m.kind().key()}) {
                words.addAll(words(s));
            }
            words.addAll(sizeAliases(m.paramsTotal()));
            list.add(new Entry(m, words, joined(m.id() + " " + m.name()), words(m.name()).size()));
        }
        this.entries = List.copyOf(list);
    }

    /** The best {@code limit} matches for {@code query}; an empty query matches nothing. */
    public List<Hit> search(String query, int limit) {
        List<String> q = words(query);
        if (q.isEmpty()) {
            return List.of();
        }
        String qJoined = joined(query);
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            double score = score(e, q, qJoined);
            if (score > 0) {
                hits.add(new Hit(e.model(), score));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed()
                .thenComparing((Hit h) -> h.model().releaseDate() == null ? "" : h.model().releaseDate(), Comparator.reverseOrder())
                .thenComparingInt(h -> h.model().name().length())
                .thenComparing(h -> h.model().id()));
        return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : List.copyOf(hits);
    }

    private static double score(Entry e, List<String> q, String qJoined) {
        double total = 0;
        for (String w : q) {
            double best = 0;
            for (String x : e.words()) {
                best = Math.max(best, x.equals(w) ? 3 : x.startsWith(w) ? 2 : w.length() >= 5 && oneEditApart(w, x) ? 1 : 0);
                if (best == 3) {
                    break;
                }
            }
            // inside the joined name ("oss" in "gptoss"); never for sizes and versions, or "27b" would find "2-7B"
            if (best == 0 && w.length() >= 3 && w.chars().noneMatch(Character::isDigit) && e.joined().contains(w)) {
                best = 1.5;
            }
            if (best == 0) {
                return 0;
            }
            total += best;
        }
        if (e.joined().contains(qJoined)) {
            total += 2; // the words in this order: "v4 flash" over a model that has "flash" and "v4" apart
        }
        if (joined(e.model().id()).equals(qJoined) || joined(e.model().name()).equals(qJoined)) {
            total += 5;
        }
        // fewer words left unmatched first: "v4 flash" finds V4-Flash before V4-Flash-0731
        return total - 0.05 * Math.max(0, e.nameWords() - q.size());
    }

    /** Lower-case words, split at anything not a letter or digit ("Qwen3.6-27B" → qwen3, 6, 27b). */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static String joined(String s) {
        return String.join("", words(s));
    }

    /** "27b" and "27" for 27.2e9 parameters; "0.6b" style sizes as "600m" too. */
    private static List<String> sizeAliases(long params) {
        if (params <= 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (params >= 1_000_000_000L) {
            long b = Math.round(params / 1e9);
            out.add(b + "b");
        } else {
            out.add(Math.round(params / 1e6) + "m");
        }
        return out;
    }

    /** True when {@code a} becomes {@code b} by one insertion, deletion or substitution. */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        int j = 0;
        boolean edited = false;
        while (i < la && j < lb) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (edited) {
                return false;
            }
            edited = true;
            if (la > lb) {
                i++;
            } else if (lb > la) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return (edited ? 1 : 0) + (la - i) + (lb - j) <= 1;
    }
}

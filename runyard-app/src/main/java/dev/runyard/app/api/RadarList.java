package dev.runyard.app.api;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.rank.RankedResult;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The radar's one order, shared by {@code radar}, {@code GET /api/v1/radar}, the {@code /radar} page and its Atom
 * feed, so they answer one question with one list. Releases are taken by month, newest month first, whatever their
 * age; within a month they are ranked for the hardware: models with a plan that fits first, by the score {@code fit}
 * ranks by, then models that do not fit, then models without a config; ties newer first, then by id. A list is a
 * prefix of that order, so a shorter list (the CLI's 20) is the head of a longer one (the page's 100).
 */
public final class RadarList {
    /** How one model stands on the hardware of the question. */
    public record Standing(Tier tier, double score, RankedResult best) {
        /** No hardware to rank for: every model stands level, so the order is by date alone. */
        public static final Standing UNRANKED = new Standing(Tier.FITS, 0, null);

        /** On a machine: {@code best} is the plan fit ranks first for the model, null when none fits. */
        public static Standing on(CatalogModel m, RankedResult best) {
            return best != null ? new Standing(Tier.FITS, best.score(), best)
                    : new Standing(m.arch() == null ? Tier.UNKNOWN : Tier.DOES_NOT_FIT, 0, null);
        }
    }

    /** The radar's fit classes, in the order they are listed within a month. */
    public enum Tier {
        FITS, DOES_NOT_FIT, UNKNOWN
    }

    /** One release of the radar and how it stands. */
    public record Item(CatalogModel model, Standing standing) {
    }

    private static final Comparator<Item> WITHIN_MONTH = Comparator.comparing((Item i) -> i.standing().tier())
            .thenComparing(Comparator.comparingDouble((Item i) -> i.standing().score()).reversed())
            .thenComparing((Item i) -> i.model().releaseDate(), Comparator.reverseOrder())
            .thenComparing(i -> i.model().id());

    private RadarList() {
    }

    /**
     * The radar for one question.
     *
     * @param judge    how a model stands on the hardware ({@code m -> Standing.UNRANKED} without hardware); asked
     *                 month by month, only for the months the list reaches
     * @param from     releases on or after this day only, or null for the newest releases whatever their age
     * @param fitsOnly leave out models that do not fit (or cannot be sized)
     * @param limit    the longest list
     */
    public static List<Item> select(List<CatalogModel> catalog, Function<CatalogModel, Standing> judge, LocalDate from,
                                    boolean fitsOnly, int limit) {
        Map<String, List<CatalogModel>> months = new TreeMap<>(Comparator.reverseOrder());
        for (CatalogModel m : catalog) {
            String d = m.releaseDate();
            if (d != null && !d.isBlank() && (from == null || d.compareTo(from.toString()) >= 0)) {
                months.computeIfAbsent(d.length() >= 7 ? d.substring(0, 7) : d, k -> new ArrayList<>()).add(m);
            }
        }
        List<Item> out = new ArrayList<>();
        for (List<CatalogModel> month : months.values()) {
            List<Item> items = new ArrayList<>();
            for (CatalogModel m : month) {
                Standing s = judge.apply(m);
                if (!fitsOnly || s.tier() == Tier.FITS) {
                    items.add(new Item(m, s));
                }
            }
            items.sort(WITHIN_MONTH);
            for (Item i : items) {
                if (out.size() >= limit) {
                    return out;
                }
                out.add(i);
            }
        }
        return out;
    }

    /**
     * {@code since} as the CLI's {@code --since} and the API's {@code since=} take it: {@code Nd} (N days before
     * {@code today}) or a day, {@code YYYY-MM-DD}, not in the future.
     *
     * @param name the option or parameter, for the message ({@code --since}, {@code parameter 'since'})
     */
    public static LocalDate since(String s, LocalDate today, String name) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        String hint = name.startsWith("--") ? "e.g. --since 30d or --since 2025-01-01" : "e.g. since=30d or since=2025-01-01";
        try {
            if (t.matches("\\d{1,5}d")) {
                return today.minusDays(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            LocalDate d = LocalDate.parse(t);
            if (d.isAfter(today)) {
                throw RunyardException.badInput(name + " " + s.trim() + " is in the future (today is " + today + ")", hint);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw RunyardException.badInput(name + " must be Nd or YYYY-MM-DD, got \"" + s + "\"", hint);
        }
    }
}

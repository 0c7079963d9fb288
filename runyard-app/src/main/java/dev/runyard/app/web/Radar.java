package dev.runyard.app.web;

import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.rank.RankedResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Release radar: catalog models with a release date, newest first, each with its best fit on a machine. */
final class Radar {
    /** One release and, when hardware was given, its best variant there (null: does not fit). */
    record Entry(CatalogModel model, RankedResult best) {
    }

    private Radar() {
    }

    /** @param machine null when no hardware was given (no fit column, no filter) */
    static List<Entry> entries(CatalogSource catalog, RankService ranks, MachineResolver.Resolved machine,
                               boolean fitsOnly, int limit) {
        Map<String, RankedResult> fits = machine == null ? Map.of() : ranks.bestFits(machine);
        List<CatalogModel> dated = new ArrayList<>();
        for (CatalogModel m : catalog.models()) {
            if (m.releaseDate() != null && !m.releaseDate().isBlank()) {
                dated.add(m);
            }
        }
        dated.sort(Comparator.comparing(CatalogModel::releaseDate).reversed().thenComparing(CatalogModel::id));
        List<Entry> out = new ArrayList<>();
        for (CatalogModel m : dated) {
            RankedResult best = fits.get(m.id());
            if (fitsOnly && machine != null && best == null) {
                continue;
            }
            out.add(new Entry(m, best));
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }
}

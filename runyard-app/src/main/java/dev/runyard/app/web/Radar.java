package dev.runyard.app.web;

import dev.runyard.app.api.RadarList;
import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.rank.RankedResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Release radar of the page, its Atom feed and {@code /api/v1/radar}: the catalog in {@link RadarList}'s order (the
 * order {@code radar} prints), each release with its best plan on the machine of the request.
 */
final class Radar {
    /** One release and its best variant on the machine (null: does not fit, or cannot be sized). */
    record Entry(CatalogModel model, RankedResult best) {
    }

    private Radar() {
    }

    /** @param from releases on or after this day only; null: the newest releases, whatever their age */
    static List<Entry> entries(CatalogSource catalog, RankService ranks, MachineResolver.Resolved machine,
                               boolean fitsOnly, LocalDate from, int limit) {
        // Every model's best fit on the machine, cached per machine: the list is ranked, the page adds its marks.
        Map<String, RankedResult> fits = ranks.bestFits(machine);
        return RadarList.select(catalog.models(), m -> RadarList.Standing.on(m, fits.get(m.id())), from, fitsOnly, limit)
                .stream().map(i -> new Entry(i.model(), i.standing().best())).toList();
    }
}

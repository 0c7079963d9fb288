package dev.runyard.core.accuracy;

import dev.runyard.core.hardware.Csv;
import dev.runyard.core.speed.KernelEra;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * When the llama.cpp build behind a measurement was made, by its source ({@code speed_sources.csv}: URL prefix, model
 * prefix, build date and the evidence for it). A source not listed is taken as a current build.
 */
final class SpeedSources {
    private record Row(String urlPrefix, String modelPrefix, LocalDate date) {
    }

    private static final List<Row> ROWS = load();

    private SpeedSources() {
    }

    static KernelEra era(String sourceUrl, String model) {
        for (Row r : ROWS) {
            if (sourceUrl.startsWith(r.urlPrefix()) && model.startsWith(r.modelPrefix())) {
                return KernelEra.of(r.date());
            }
        }
        return KernelEra.CURRENT;
    }

    private static List<Row> load() {
        List<Row> out = new ArrayList<>();
        try (InputStream in = SpeedSources.class.getResourceAsStream("/dev/runyard/core/accuracy/speed_sources.csv")) {
            if (in == null) {
                return out;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.split(line);
                out.add(new Row(f.get(0).trim(), f.get(1).trim(), LocalDate.parse(f.get(2).trim())));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read speed_sources.csv", e);
        }
        return out;
    }
}

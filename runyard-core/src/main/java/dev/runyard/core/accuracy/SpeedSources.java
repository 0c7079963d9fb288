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
 * What the llama.cpp run behind a measurement was, by its source ({@code speed_sources.csv}: URL prefix, model prefix,
 * build date, test shape and the evidence for them): the build's kernel era, and the test it timed. A source not
 * listed is taken as a current build running llama-bench's defaults (pp512, tg128 from an empty context).
 */
final class SpeedSources {
    /**
     * The test a row measured.
     *
     * @param promptTokens tokens of the timed prompt (llama-bench's pp512: 512; llama.cpp's {@code main} prints the
     *                     prompt it evaluated, e.g. "494 tokens")
     * @param decodeDepth  the average context a timed decode step reads (tg128 from an empty cache: 64)
     */
    record Test(KernelEra era, int promptTokens, int decodeDepth) {
    }

    static final Test DEFAULT = new Test(KernelEra.CURRENT, 512, 64);

    private record Row(String urlPrefix, String modelPrefix, Test test) {
    }

    private static final List<Row> ROWS = load();

    private SpeedSources() {
    }

    static KernelEra era(String sourceUrl, String model) {
        return test(sourceUrl, model).era();
    }

    static Test test(String sourceUrl, String model) {
        for (Row r : ROWS) {
            if (sourceUrl.startsWith(r.urlPrefix()) && model.startsWith(r.modelPrefix())) {
                return r.test();
            }
        }
        return DEFAULT;
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
                Test t = new Test(KernelEra.of(LocalDate.parse(f.get(2).trim())), Integer.parseInt(f.get(3).trim()),
                        Integer.parseInt(f.get(4).trim()));
                out.add(new Row(f.get(0).trim(), f.get(1).trim(), t));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read speed_sources.csv", e);
        }
        return out;
    }
}

package dev.runyard.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.accuracy.AccuracyMarkdown;
import dev.runyard.core.accuracy.AccuracyReport;
import dev.runyard.core.accuracy.ConfigIndex;
import dev.runyard.core.accuracy.LlamaCppCases;
import dev.runyard.core.accuracy.Sample;
import dev.runyard.core.accuracy.SpeedCases;
import dev.runyard.core.accuracy.SpeedFit;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.accuracy.VllmCases;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.LocalFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runyard accuracy}: replays measured cases and prints median and p90 relative error per metric. */
@Command(name = "accuracy", description = "Replay measured cases (llama.cpp load logs, vLLM/SGLang startup logs, "
        + "llama-bench speeds) and print the median and p90 relative error per metric.")
public final class AccuracyCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Case files are small; a cap keeps a wrong path (a model file) from filling memory. */
    private static final long MAX_CASE_FILE = 64L << 20;

    @Option(names = "--cases", required = true, paramLabel = "FILE", description = "A JSONL case file (repeatable).")
    List<Path> cases;

    @Option(names = "--configs", paramLabel = "FILE",
            description = "JSONL rows with a config for models named by id (repeatable); the catalog is always used.")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the report as Markdown.")
    Path markdown;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<JsonNode> llama = new ArrayList<>();
        List<JsonNode> vllm = new ArrayList<>();
        List<JsonNode> speed = new ArrayList<>();
        for (Path p : cases) {
            for (JsonNode row : readJsonl(p)) {
                String engine = row.path("engine").asText("");
                if (row.path("kind").asText().equals("llamacpp")) {
                    llama.add(row);
                } else if (row.path("kind").asText().equals("speed")) {
                    speed.add(row);
                } else if (engine.equals("vllm") || engine.equals("sglang")) {
                    vllm.add(row);
                }
            }
        }
        List<JsonNode> configRows = new ArrayList<>(BundledCatalog.entries().stream()
                .map(dev.runyard.app.entry.CatalogJson::tree).toList());
        for (Path p : configs) {
            configRows.addAll(readJsonl(p));
        }
        AcceleratorDatabase db = AcceleratorDatabase.bundled();
        AccuracyReport report = LlamaCppCases.replay(llama).merge(VllmCases.replay(vllm, new ConfigIndex(configRows)))
                .merge(SpeedCases.replay(speed, db));
        AccuracyReport loho = speed.isEmpty() ? null : SpeedCases.leaveOneHardwareOut(speed, db);
        SpeedFit.Result fit = speed.isEmpty() ? null : SpeedFit.fit(SpeedCases.parse(speed, db, new ArrayList<>()));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Map<String, Object>> metrics = new ArrayList<>();
            for (AccuracyReport.MetricSummary s : report.summaries()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>(Map.of("metric", s.metric(), "count", s.count(),
                        "median_rel_error", s.median(), "p90_rel_error", s.p90(), "max_rel_error", s.max()));
                row.put("inside_band_share", s.inBand());
                metrics.add(row);
            }
            m.put("metrics", metrics);
            if (loho != null) {
                List<Map<String, Object>> lm = new ArrayList<>();
                for (AccuracyReport.MetricSummary s : loho.summaries()) {
                    Map<String, Object> row = new LinkedHashMap<>(Map.of("metric", s.metric(), "count", s.count(),
                            "median_rel_error", s.median(), "p90_rel_error", s.p90(), "max_rel_error", s.max()));
                    row.put("inside_band_share", s.inBand());
                    lm.add(row);
                }
                m.put("leave_one_hardware_out", lm);
                m.put("fitted_speed_constants", fit.values());
            }
            List<Map<String, Object>> samples = new ArrayList<>();
            for (Sample s : report.samples()) {
                samples.add(Map.of("case", s.caseId(), "metric", s.metric(), "predicted", s.predicted(),
                        "actual", s.actual(), "rel_error", s.relativeError()));
            }
            m.put("samples", samples);
            m.put("skipped", report.skipped());
            out.println(Json.write(m));
        } else {
            out.printf("%-22s %6s %10s %10s%n", "metric", "cases", "median", "p90");
            for (AccuracyReport.MetricSummary s : report.summaries()) {
                out.printf(Locale.ROOT, "%-22s %6d %9.2f%% %9.2f%% %s%n", s.metric(), s.count(), s.median() * 100,
                        s.p90() * 100, s.inBand() == null ? "" : String.format(Locale.ROOT, "%5.0f%% in band",
                        s.inBand() * 100));
            }
            if (loho != null) {
                for (AccuracyReport.MetricSummary s : loho.summaries()) {
                    out.printf(Locale.ROOT, "%-22s %6d %9.2f%% %9.2f%% %s (leaving each accelerator out)%n", s.metric(),
                            s.count(), s.median() * 100, s.p90() * 100, s.inBand() == null ? ""
                            : String.format(Locale.ROOT, "%5.0f%% in band", s.inBand() * 100));
                }
            }
            out.printf("%d comparisons, %d skipped (--json lists them)%n", report.samples().size(), report.skipped().size());
        }
        if (markdown != null) {
            List<String> names = cases.stream().map(Path::toString).toList();
            try {
                String text = AccuracyMarkdown.render(report, loho, fit, names);
                if (Files.isRegularFile(markdown)) {
                    // Hand-written sections after the generated part (serving runs, the real-llama.cpp harness) stay.
                    String old = Files.readString(markdown);
                    int at = old.indexOf(AccuracyMarkdown.END_MARK);
                    if (at >= 0) {
                        text += old.substring(at + AccuracyMarkdown.END_MARK.length()).replaceFirst("^\\n", "");
                    }
                }
                Files.writeString(markdown, text);
            } catch (IOException e) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot write " + markdown + ": "
                        + LocalFiles.ioReason(e), "check the directory exists and is writable", e);
            }
        }
        out.flush();
        return 0;
    }

    static List<JsonNode> readJsonl(Path p) {
        if (!Files.exists(p)) {
            throw RunyardException.notFound("case file not found: " + p, "check the path");
        }
        byte[] bytes = LocalFiles.readBounded(p, MAX_CASE_FILE, "JSONL case file"); // FIFOs, devices, directories refused
        List<JsonNode> rows = new ArrayList<>();
        int n = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(MAPPER.readTree(line));
            } catch (IOException e) {
                throw RunyardException.badInput(p + " line " + n + " is not JSON", "one JSON object per line");
            }
        }
        return rows;
    }
}

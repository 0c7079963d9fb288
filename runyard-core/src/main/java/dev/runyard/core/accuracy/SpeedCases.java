package dev.runyard.core.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.LlamaCppKvCache;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.speed.KernelEra;
import dev.runyard.core.speed.SpeedConstants;
import dev.runyard.core.speed.SpeedInputs;
import dev.runyard.core.speed.SpeedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays measured llama-bench rows ({@code kind: speed}): decode (tg) and prefill (pp512) tokens per second, with the
 * constants Runyard ships (in sample: they were fitted on these rows) and leaving each accelerator out in turn.
 */
public final class SpeedCases {
    private SpeedCases() {
    }

    /** The rows as cases; rows that cannot be predicted are named in {@code skipped}. */
    public static List<SpeedCase> parse(List<JsonNode> rows, AcceleratorDatabase db, List<String> skipped) {
        List<SpeedCase> out = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.path("kind").asText().equals("speed")) {
                continue;
            }
            String id = row.path("id").asText();
            JsonNode args = row.path("args");
            Optional<Accelerator> acc = db.all().stream().filter(a -> a.id().equals(row.path("accelerator_id").asText()))
                    .findFirst().or(() -> db.find(args.path("gpu").asText()));
            if (acc.isEmpty()) {
                skipped.add(id + ": unknown accelerator " + row.path("accelerator_id").asText());
                continue;
            }
            Quant q = Quant.parse(args.path("quant").asText());
            if (!(q instanceof Quant.Gguf g)) {
                skipped.add(id + ": not a GGUF quant");
                continue;
            }
            Optional<Backend> backend = Backend.parse(args.path("backend").asText("cuda"));
            if (backend.isEmpty()) {
                skipped.add(id + ": unknown backend " + args.path("backend").asText());
                continue;
            }
            ModelArchitecture arch = ArchitectureReader.read(HfConfig.of(row.get("config"), id));
            WeightsEstimate w = WeightsEstimator.gguf(arch, g, WeightsEstimator.usualImatrix(g));
            long kvPerToken = LlamaCppKvCache.estimate(arch, 256, 1, 256, KvType.F16, KvType.F16, false).bytes() / 256;
            SpeedSources.Test test = SpeedSources.test(row.path("source_url").asText(), row.path("model").asText());
            KernelEra era = test.era();
            int gpus = args.path("gpus").asInt(1);
            // llama.cpp split every matrix by rows over several GPUs until 2024-01 (KernelEra.ROW_SPLIT)
            SpeedModel.Parallelism par = era == KernelEra.ROW_SPLIT && gpus > 1
                    ? SpeedModel.Parallelism.ROW_SPLIT : SpeedModel.Parallelism.LAYER_SPLIT;
            // The test the source timed (speed_sources.csv): llama-bench's tg128 decodes at an average depth of 64 tokens;
            // the prompt is pp512, or the 494 tokens main evaluated.
            SpeedInputs in = new SpeedInputs(arch, w, g.dequantizesOnDecode(), acc.get(), gpus, backend.get(), par,
                    kvPerToken * test.decodeDepth(), 0, 0, SpeedModel.activeParams(arch), false,
                    g.fileType().base().isQuantized(), era, test.promptTokens());
            String metric = row.path("metric").asText().equals("decode") ? SpeedCase.DECODE : SpeedCase.PREFILL;
            SpeedCase c = new SpeedCase(id, metric, acc.get().id(), in, row.path("expect").path("tokens_per_s").asDouble(),
                    row.path("held_out").asBoolean(false));
            if (c.predicted(SpeedConstants.PRIORS) == null) {
                skipped.add(id + ": no FP16 TFLOPS for " + acc.get().name());
                continue;
            }
            out.add(c);
        }
        return out;
    }

    /** In sample: every row predicted with the constants Runyard ships. */
    public static AccuracyReport replay(List<JsonNode> rows, AcceleratorDatabase db) {
        return replay(rows, db, SpeedConstants.fitted());
    }

    public static AccuracyReport replay(List<JsonNode> rows, AcceleratorDatabase db, SpeedConstants constants) {
        List<String> skipped = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (SpeedCase c : parse(rows, db, skipped)) {
            samples.add(c.sample(constants));
        }
        return new AccuracyReport(samples, skipped);
    }

    /**
     * Leave one hardware out: for each accelerator, the constants are fitted again on every other accelerator's rows
     * ({@link SpeedFit}) and that accelerator's rows are predicted with them. A constant with no row left to fit falls
     * back to the broader key, then to its hand-set prior.
     */
    public static AccuracyReport leaveOneHardwareOut(List<JsonNode> rows, AcceleratorDatabase db) {
        List<String> skipped = new ArrayList<>();
        List<SpeedCase> cases = parse(rows, db, skipped).stream().filter(c -> !c.heldOut()).toList();
        Set<String> hardware = new LinkedHashSet<>();
        cases.forEach(c -> hardware.add(c.hardware()));
        Map<String, Sample> byId = new LinkedHashMap<>();
        for (String h : hardware) {
            SpeedConstants c = SpeedFit.fit(cases.stream().filter(x -> !x.hardware().equals(h)).toList()).constants();
            for (SpeedCase x : cases) {
                if (x.hardware().equals(h)) {
                    byId.put(x.id(), x.sample(c));
                }
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (SpeedCase x : cases) {
            samples.add(byId.get(x.id()));
        }
        return new AccuracyReport(samples, skipped);
    }
}

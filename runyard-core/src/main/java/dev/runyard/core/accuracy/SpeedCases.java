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
import dev.runyard.core.speed.SpeedEstimate;
import dev.runyard.core.speed.SpeedInputs;
import dev.runyard.core.speed.SpeedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Replays measured llama-bench rows ({@code kind: speed}): decode (tg) and prefill (pp512) tokens per second. */
public final class SpeedCases {
    private SpeedCases() {
    }

    public static AccuracyReport replay(List<JsonNode> rows, AcceleratorDatabase db) {
        List<Sample> samples = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
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
            // llama-bench's tg128 runs at an average depth of 64 tokens
            SpeedEstimate s = SpeedModel.estimate(new SpeedInputs(arch, w, g.dequantizesOnDecode(), acc.get(),
                    args.path("gpus").asInt(1), backend.get(), SpeedModel.Parallelism.LAYER_SPLIT,
                    kvPerToken * 64, 0, 0, SpeedModel.activeParams(arch), false));
            double actual = row.path("expect").path("tokens_per_s").asDouble();
            if (row.path("metric").asText().equals("decode")) {
                samples.add(new Sample(id, "decode_tokens_per_s", s.decodeTokensPerS(), actual, s.decodeLow(),
                        s.decodeHigh()));
            } else if (s.prefillTokensPerS() != null) {
                samples.add(new Sample(id, "prefill_tokens_per_s", s.prefillTokensPerS(), actual, s.prefillLow(),
                        s.prefillHigh()));
            } else {
                skipped.add(id + ": no FP16 TFLOPS for " + acc.get().name());
            }
        }
        return new AccuracyReport(samples, skipped);
    }
}

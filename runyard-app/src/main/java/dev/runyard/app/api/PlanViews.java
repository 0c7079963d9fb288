package dev.runyard.app.api;

import dev.runyard.core.estimate.DeviceUsage;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.Part;
import dev.runyard.core.plan.PlacementPlan;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.speed.SpeedEstimate;
import java.util.ArrayList;
import java.util.List;

/** Builds the output records from plans. Rounding happens here, once, so every surface prints the same digits. */
public final class PlanViews {
    private PlanViews() {
    }

    public static PlanView ranked(RankedResult r) {
        return plan(r.plan(), r.name(), r.score(), r.components());
    }

    public static PlanView plan(RunPlan p, String name) {
        return plan(p, name, null, null);
    }

    private static PlanView plan(RunPlan p, String name, Double score, java.util.Map<String, Object> components) {
        PlacementPlan pl = p.placement();
        return new PlanView(p.model(), name, p.quant().name(), p.engine().key(), p.context(), pl.totalBytes(),
                pl.deviceBytes(), pl.hostBytes(), fit(p), decode(p), prefill(p), score, components,
                p.command().text(), p.command().why(), pl.notes(), pl.tensorParallel(), artifact(p), placement(p),
                speed(p), p.warnings(), null, null);
    }

    public static EstimateView estimate(RunPlan p, String machine) {
        MemoryEstimate e = p.memory();
        List<Views.Part> parts = new ArrayList<>();
        for (Part part : e.breakdown()) {
            parts.add(new Views.Part(part.name(), part.bytes(), part.formula(), part.inputs()));
        }
        Double concurrency = e.maxConcurrency() == null ? null : Math.round(e.maxConcurrency() * 100) / 100.0;
        return new EstimateView(p.model(), p.engine().key(), p.quant().name(), p.context(), p.context(), e.params(),
                e.activeParams(), Math.round(e.bitsPerWeight() * 1000) / 1000.0, e.weightsBytes(), e.kvCacheBytes(),
                e.computeBytes(), e.overheadBytes(), p.placement().totalBytes(),
                e.kvBytesPerToken() == null ? null : e.totalBytes(), e.kvBytesPerToken(), e.kvCapacityTokens(),
                concurrency, devices(p.placement()), parts, decode(p), prefill(p), speed(p), fit(p), placement(p),
                machine, artifact(p), p.command().text(), p.command().why(), p.warnings());
    }

    static String fit(RunPlan p) {
        return p.fit() == null ? null : p.fit().key();
    }

    static Double decode(RunPlan p) {
        return p.speed() == null ? null : round1(p.speed().decodeTokensPerS());
    }

    static Double prefill(RunPlan p) {
        Double v = p.speed() == null ? null : p.speed().prefillTokensPerS();
        return v == null ? null : round1(v);
    }

    public static Views.Speed speed(RunPlan p) {
        if (p.speed() == null) {
            return null;
        }
        SpeedEstimate s = p.speed().atStart();
        return new Views.Speed(round1(s.decodeLow()), round1(s.decodeHigh()),
                round1(p.speed().atFullContext().decodeTokensPerS()), s.prefillLow() == null ? null : round1(s.prefillLow()),
                s.prefillHigh() == null ? null : round1(s.prefillHigh()), s.basis(), p.speed().serving().stream()
                .map(r -> new Views.Serving(r.concurrency(), round1(r.perRequestTokensPerS()),
                        round1(r.aggregateTokensPerS()), round1(r.ttftMs()), r.promptTokens(), r.bound())).toList());
    }

    static Views.Artifact artifact(RunPlan p) {
        var a = p.artifact();
        var f = a.registryFile();
        return new Views.Artifact(a.repo(), a.file(), a.format(), a.source(), a.onlineQuantization(),
                f == null ? null : f.quant(), a.bytes(), f != null && f.exact());
    }

    static Views.Placement placement(RunPlan p) {
        PlacementPlan pl = p.placement();
        return new Views.Placement(fit(p), pl.gpuLayers(), pl.cpuMoeLayers(), pl.tensorSplit(), pl.tensorParallel(),
                pl.deviceBytes(), pl.hostBytes(), pl.offloadedBytes(), devices(pl), pl.notes());
    }

    static List<Views.Device> devices(PlacementPlan pl) {
        List<Views.Device> out = new ArrayList<>();
        for (DeviceUsage d : pl.devices()) {
            out.add(new Views.Device(d.name(), d.weightsBytes(), d.kvCacheBytes(), d.computeBytes(), d.overheadBytes(),
                    d.totalBytes()));
        }
        return out;
    }

    public static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

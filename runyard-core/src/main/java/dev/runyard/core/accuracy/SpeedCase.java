package dev.runyard.core.accuracy;

import dev.runyard.core.speed.SpeedConstants;
import dev.runyard.core.speed.SpeedEstimate;
import dev.runyard.core.speed.SpeedInputs;
import dev.runyard.core.speed.SpeedModel;
import java.util.List;

/**
 * One measured llama-bench row, ready to predict: the speed inputs (with the kernel era of the build that measured
 * it), the accelerator that ran it (the unit of leave-one-hardware-out validation), and the measurement.
 *
 * @param metric   {@code decode_tokens_per_s} (tg) or {@code prefill_tokens_per_s} (pp512)
 * @param hardware the accelerator's database id
 * @param heldOut  a row kept out of every fit (marked {@code "held_out": true}): reported as its own metric
 */
public record SpeedCase(String id, String metric, String hardware, SpeedInputs inputs, double actual, boolean heldOut) {
    public static final String DECODE = "decode_tokens_per_s";
    public static final String PREFILL = "prefill_tokens_per_s";

    public boolean decode() {
        return metric.equals(DECODE);
    }

    /** Whether the row ran the old row split over several GPUs. */
    public boolean rowSplit() {
        return inputs.parallelism() == SpeedModel.Parallelism.ROW_SPLIT && inputs.gpus() > 1;
    }

    /** The lookup chain of the efficiency this case calibrates (decode bandwidth or prefill). */
    public List<String> chain() {
        return decode() ? SpeedModel.bandwidthKeys(inputs) : SpeedModel.prefillKeys(inputs);
    }

    /** The lookup chain of decode's fitted per-layer time (empty for prefill rows). */
    public List<String> overheadChain() {
        return decode() ? SpeedModel.overheadKeys(inputs) : List.of();
    }

    /** The prediction with a table of constants; null when the hardware gives no prefill figure. */
    public Double predicted(SpeedConstants c) {
        SpeedModel.Rates r = SpeedModel.rates(inputs, c);
        return decode() ? Double.valueOf(r.decode()) : r.prefill();
    }

    public Sample sample(SpeedConstants c) {
        SpeedEstimate s = SpeedModel.estimate(inputs, c);
        String m = heldOut ? metric + "_held_out" : metric;
        return decode() ? new Sample(id, m, s.decodeTokensPerS(), actual, s.decodeLow(), s.decodeHigh())
                : new Sample(id, m, s.prefillTokensPerS(), actual, s.prefillLow(), s.prefillHigh());
    }
}

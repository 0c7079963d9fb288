package dev.runyard.core.catalog;

import dev.runyard.core.format.safetensors.SafetensorsHeader;
import dev.runyard.core.format.safetensors.SafetensorsTensor;
import java.util.Locale;
import java.util.Objects;

/**
 * What is known of a repository's own safetensors checkpoint, beyond its config: the tensors its headers list (read
 * with range requests, so every byte is known exactly), or why they could not be read. Only repositories looked up
 * on the Hub carry one; catalog models and local configs have none.
 */
public sealed interface Checkpoint {
    /**
     * The headers were read.
     *
     * @param source         where they were read: the index's or the single file's URL
     * @param files          how many safetensors files the headers came from
     * @param header         every tensor of the checkpoint (shards merged)
     * @param indexTotalSize the index's {@code metadata.total_size}, or null when there is no index or it has none
     * @param configQuant    the config's {@code quantization_config.quant_method} in lower case, "" when none
     */
    record Read(String source, int files, SafetensorsHeader header, Long indexTotalSize, String configQuant)
            implements Checkpoint {
        public Read {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(header, "header");
            configQuant = configQuant == null ? "" : configQuant.toLowerCase(Locale.ROOT);
            if (files < 1) {
                throw new IllegalArgumentException("a checkpoint comes from at least one file");
            }
        }

        /**
         * How the weights are stored, in the quant keys plans use: the config's {@code quant_method} when it names
         * one, else what the tensors show (AutoGPTQ/AutoAWQ's int32-packed {@code qweight}, with {@code g_idx} for
         * GPTQ; else the element type holding most bytes: fp8, bf16, f16 …).
         */
        public String format() {
            if (!configQuant.isEmpty()) {
                return configQuant;
            }
            boolean qweight = false;
            boolean gIdx = false;
            for (SafetensorsTensor t : header.tensors()) {
                qweight |= t.name().endsWith(".qweight");
                gIdx |= t.name().endsWith(".g_idx");
            }
            if (qweight) {
                return gIdx ? "gptq" : "awq";
            }
            return header.dominantDtype().map(d -> switch (d) {
                case F8_E4M3, F8_E5M2 -> "fp8";
                case F16 -> "f16";
                case BF16 -> "bf16";
                default -> d.name().toLowerCase(Locale.ROOT);
            }).orElse("");
        }
    }

    /** The headers could not be read: {@code reason} says why (no safetensors on the Hub, access denied …). */
    record Unread(String reason) implements Checkpoint {
        public Unread {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

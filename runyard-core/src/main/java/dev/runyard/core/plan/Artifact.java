package dev.runyard.core.plan;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.quant.GpuFormat;
import dev.runyard.core.quant.Quant;

/**
 * The weights a plan loads: a repository (and the quant inside it), or a local file, with where that came from.
 * Runyard never makes up a repository name: when the catalog knows no repository in the format, {@code repo} is
 * null and {@code source} says what the user must provide.
 *
 * @param repo   Hugging Face repository id, or null
 * @param file   a local file (GGUF given with --gguf), or null
 * @param format gguf, safetensors, awq, gptq, fp8, nvfp4, mlx …
 * @param source "catalog" (a known quantized repository), "publisher" (the model's own checkpoint), "local", or
 *               "none known: …" with what to do instead
 * @param onlineQuantization vLLM/SGLang {@code --quantization} value when the engine quantizes a 16-bit checkpoint at
 *               load (fp8), else null
 */
public record Artifact(String repo, String file, String format, String source, String onlineQuantization) {
    public boolean known() {
        return repo != null || file != null;
    }

    /** A GGUF file on disk. */
    public static Artifact localFile(String path) {
        return new Artifact(null, path, "gguf", "local", null);
    }

    /** What an engine loads for a model at a quant. */
    public static Artifact resolve(CatalogModel m, Quant q, Engine engine) {
        if (engine.usesGguf()) {
            String repo = m.repos().get("gguf");
            return repo != null ? new Artifact(repo, null, "gguf", "catalog", null)
                    : new Artifact(null, null, "gguf", "none known: the catalog lists no GGUF repository for " + m.id()
                    + "; convert it with llama.cpp's convert_hf_to_gguf.py and llama-quantize", null);
        }
        String checkpoint = m.arch() == null ? "" : m.arch().checkpointQuant();
        GpuFormat f = q instanceof Quant.Gpu g ? g.format()
                : ((Quant.Gguf) q).fileType().base().isQuantized() ? null : GpuFormat.BF16;
        if (f == null) {
            return new Artifact(null, null, "gguf", "none: " + engine.key() + " does not load GGUF quantizations", null);
        }
        if (f.isSixteenBit()) {
            return new Artifact(m.id(), null, "safetensors", "publisher", null);
        }
        if (f.isMlx()) {
            return repoOr(m, "mlx", "mlx", "convert it with mlx_lm.convert -q");
        }
        if (f == GpuFormat.FP8) {
            if (checkpoint.startsWith("fp8")) {
                return new Artifact(m.id(), null, "fp8", "publisher", null);
            }
            String repo = m.repos().get("fp8");
            return repo != null ? new Artifact(repo, null, "fp8", "catalog", null)
                    : new Artifact(m.id(), null, "safetensors", "publisher", "fp8"); // quantized at load
        }
        if (f == GpuFormat.MXFP4 && checkpoint.startsWith("mxfp4")) {
            return new Artifact(m.id(), null, "mxfp4", "publisher", null);
        }
        String key = switch (f) {
            case AWQ -> "awq";
            case GPTQ -> "gptq";
            case NVFP4 -> "nvfp4";
            default -> f.key();
        };
        return repoOr(m, key, key, "quantize it yourself or pick another format");
    }

    private static Artifact repoOr(CatalogModel m, String key, String format, String hint) {
        String repo = m.repos().get(key);
        return repo != null ? new Artifact(repo, null, format, "catalog", null)
                : new Artifact(null, null, format, "none known: the catalog lists no " + format + " repository for "
                + m.id() + "; " + hint, null);
    }
}

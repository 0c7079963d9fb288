package dev.runyard.core.plan;

import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.catalog.ArtifactRepo;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.quant.GpuFormat;
import dev.runyard.core.quant.Quant;
import java.util.List;

/**
 * The weights a plan loads: a repository of the artifact registry (and the file in it), or a local file, with where
 * that came from. Runyard never makes up a repository name and never claims a quant a repository is not listed to
 * hold: when none is known, {@code repo} is null and {@code source} says what exists instead or how to make it.
 *
 * @param repo               Hugging Face repository id, or null
 * @param file               a local file (GGUF given with --gguf), or null
 * @param format             gguf, safetensors, awq, gptq, fp8, nvfp4, mlx …
 * @param source             "registry: URL" (a listed repository), "publisher" (the model's own checkpoint), "local",
 *                           or "none known: …" with the nearest published artifact or how to convert
 * @param onlineQuantization vLLM/SGLang {@code --quantization} value when the engine quantizes a 16-bit checkpoint at
 *                           load (fp8), else null
 * @param registryFile       the registry's entry of the file loaded (its tag and size), or null
 */
public record Artifact(String repo, String file, String format, String source, String onlineQuantization,
                       ArtifactFile registryFile) {
    public boolean known() {
        return repo != null || file != null;
    }

    /** Why no weights are known and what to do instead ({@code source} without "none known: "), or null. */
    public String missing() {
        return known() || !source.startsWith("none known: ") ? null : source.substring("none known: ".length());
    }

    /** The file's size when the registry gives it, else null. */
    public Long bytes() {
        return registryFile == null ? null : registryFile.bytes();
    }

    /** A GGUF file on disk. */
    public static Artifact localFile(String path) {
        return new Artifact(null, path, "gguf", "local", null, null);
    }

    /** What an engine loads for a model at a quant: only what the registry lists, or the publisher's checkpoint. */
    public static Artifact resolve(CatalogModel m, Quant q, Engine engine) {
        // Pure in its arguments and asked for every plan a ranking prices: remembered per catalog entry (identity:
        // entries are immutable and hash deeply).
        Key key = new Key(m, q, engine);
        Artifact a = RESOLVED.get(key);
        if (a == null) {
            a = resolveUncached(m, q, engine);
            if (RESOLVED.size() >= 65_536) {
                RESOLVED.clear(); // bounded: models from user files and the Hub come and go
            }
            RESOLVED.put(key, a);
        }
        return a;
    }

    private record Key(CatalogModel model, Quant quant, Engine engine) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.model == model && k.engine == engine && k.quant.equals(quant);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(model) * 31 + quant.name().hashCode()) * 31 + engine.hashCode();
        }
    }

    private static final java.util.Map<Key, Artifact> RESOLVED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Artifact resolveUncached(CatalogModel m, Quant q, Engine engine) {
        if (engine.usesGguf()) {
            return gguf(m, q);
        }
        String checkpoint = m.checkpointQuant();
        GpuFormat f = q instanceof Quant.Gpu g ? g.format()
                : ((Quant.Gguf) q).fileType().base().isQuantized() ? null : GpuFormat.BF16;
        if (f == null) {
            return none("gguf", engine.key() + " does not load GGUF quantizations");
        }
        if (f.isSixteenBit()) {
            return publisher(m, "safetensors", null);
        }
        if (f.isMlx()) {
            int bits = (int) Math.floor(f.bitsPerWeight());
            for (ArtifactRepo a : m.artifacts()) {
                if (a.key().equals("mlx") && bits == bits(a)) {
                    return fromRegistry(a, "mlx", null);
                }
            }
            return none("mlx", "no " + bits + "-bit MLX repository of " + m.id() + " is known"
                    + nearest(m, "mlx") + "; make one with mlx_lm.convert --hf-path " + m.id() + " -q --q-bits " + bits);
        }
        if (f == GpuFormat.FP8) {
            if (checkpoint.startsWith("fp8")) {
                return publisher(m, "fp8", null);
            }
            for (ArtifactRepo a : m.artifacts()) {
                if (a.key().equals("fp8")) {
                    return fromRegistry(a, "fp8", null);
                }
            }
            return publisher(m, "safetensors", "fp8"); // the engine quantizes the 16-bit checkpoint while loading
        }
        if (f == GpuFormat.MXFP4 && checkpoint.startsWith("mxfp4")) {
            return publisher(m, "mxfp4", null);
        }
        String key = switch (f) {
            case AWQ -> "awq";
            case GPTQ -> "gptq";
            case NVFP4 -> "nvfp4";
            default -> f.key();
        };
        if (checkpoint.equals(key)) {
            return publisher(m, key, null); // the publisher's own checkpoint is stored in this format (an AWQ repo)
        }
        for (ArtifactRepo a : m.artifacts()) {
            if (a.key().equals(key)) {
                return fromRegistry(a, key, null);
            }
        }
        return none(key, "no " + key + " repository of " + m.id() + " is known" + nearest(m, key)
                + "; quantize it yourself or pick another format");
    }

    /** A listed GGUF repository holding exactly this quantization's file, preferred repositories first. */
    private static Artifact gguf(CatalogModel m, Quant q) {
        if (!(q instanceof Quant.Gguf)) {
            return none("gguf", "llama.cpp loads GGUF files, not " + q.name());
        }
        for (ArtifactRepo a : m.artifacts()) {
            if (a.isGguf() && a.listed()) {
                var f = a.file(q.name());
                if (f.isPresent()) {
                    return fromRegistry(a, "gguf", f.get());
                }
            }
        }
        String convert = "convert it with llama.cpp's convert_hf_to_gguf.py " + m.id() + " --outtype bf16 and "
                + "llama-quantize to " + q.name();
        return none("gguf", "no listed GGUF repository of " + m.id() + " holds " + q.name() + nearest(m, "gguf")
                + "; or " + convert);
    }

    /** ": published: repo (Q4_K_S, Q5_K_M …)" for the repos of a format the registry knows, or "". */
    static String nearest(CatalogModel m, String key) {
        List<String> seen = m.artifacts().stream().filter(a -> a.key().equals(key)).limit(3).map(a -> {
            if (!a.listed()) {
                return a.repo() + " (files not listed here; run catalog sync)";
            }
            List<String> qs = a.files().stream().map(ArtifactFile::quant).limit(12).toList();
            return qs.isEmpty() ? a.repo() : a.repo() + " (" + String.join(", ", qs) + ")";
        }).toList();
        return seen.isEmpty() ? "" : ". Published: " + String.join("; ", seen);
    }

    /** The weight bits of an MLX/AWQ/GPTQ repository: the registry's, else the name's ("-4bit"), else 0. */
    static int bits(ArtifactRepo a) {
        if (a.bits() != null) {
            return a.bits();
        }
        Integer named = ArtifactRepo.bitsInName(a.repo());
        return named == null ? 0 : named;
    }

    private static Artifact fromRegistry(ArtifactRepo a, String format, ArtifactFile f) {
        return new Artifact(a.repo(), null, format, "registry: " + (a.source() == null ? "catalog" : a.source()), null,
                f);
    }

    private static Artifact publisher(CatalogModel m, String format, String online) {
        return new Artifact(m.id(), null, format, "publisher", online, null);
    }

    private static Artifact none(String format, String why) {
        return new Artifact(null, null, format, "none known: " + why, null, null);
    }
}

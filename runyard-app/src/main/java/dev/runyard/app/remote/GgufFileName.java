package dev.runyard.app.remote;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The llama.cpp quantization a GGUF file's name states, as quantizers name their files ({@code Model-Q4_K_M.gguf},
 * {@code Model.Q8_0.gguf}, {@code Model-UD-Q4_K_XL-00001-of-00003.gguf}). One reading for the sync's listings and
 * the on-demand lookup of a GGUF repo.
 */
public final class GgufFileName {
    /** A split shard's suffix ({@code -00001-of-00003}), the quant token at a stem's end, and what it may be. */
    public static final Pattern SPLIT = Pattern.compile("(?i)-\\d{5}-of-\\d{5}$");
    public static final Pattern QUANT = Pattern.compile("(?i)^(I?Q\\d[A-Z0-9_]*|TQ\\d_\\d|BF16|F16|FP16|F32|MXFP4(_MOE)?)$");
    public static final Pattern TAIL = Pattern.compile("[-.]([A-Za-z0-9_]{1,32})$");

    private GgufFileName() {
    }

    /** True for a model file: a path ending in {@code .gguf} that is not a vision projector ({@code mmproj…}). */
    public static boolean isModelGguf(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return file.endsWith(".gguf") && !file.startsWith("mmproj");
    }

    /** The quant of a path ending in {@code .gguf} (projector files excluded), split suffix ignored; else empty. */
    public static Optional<String> quantOfPath(String path) {
        if (!isModelGguf(path)) {
            return Optional.empty();
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        return Optional.ofNullable(quant(SPLIT.matcher(file.substring(0, file.length() - 5)).replaceAll("")));
    }

    /** "Model-UD-Q4_K_XL" → "UD-Q4_K_XL", "Model.Q8_0" → "Q8_0"; null when the name ends in no quant. */
    public static String quant(String stem) {
        Matcher m = TAIL.matcher(stem);
        if (!m.find() || !QUANT.matcher(m.group(1)).matches()) {
            return null;
        }
        String q = m.group(1).toUpperCase(Locale.ROOT);
        String before = stem.substring(0, m.start()).toUpperCase(Locale.ROOT);
        return before.endsWith("-UD") || before.endsWith(".UD") ? "UD-" + q : q;
    }
}

package dev.runyard.app.cli;

import dev.runyard.core.estimate.Engine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vendored option lists of vLLM, SGLang, mlx-lm and Ollama (test resources engine-args/, each with its source and
 * version) and a check of a printed command against them.
 */
final class EngineArgs {
    private static final Pattern ENV = Pattern.compile("\\b([A-Z][A-Z0-9_]+)=\\S+");
    private static final Pattern OLLAMA = Pattern.compile("\\bollama\\s+(\\S+)((?:\\s+-{1,2}[A-Za-z][\\w-]*)*)");

    private final Set<String> vllm;
    private final Set<String> sglang;
    private final Set<String> mlxServer;
    private final Set<String> mlxConvert;
    private final Map<String, Set<String>> ollama;

    private EngineArgs(Set<String> vllm, Set<String> sglang, Set<String> mlxServer, Set<String> mlxConvert,
                       Map<String, Set<String>> ollama) {
        this.vllm = vllm;
        this.sglang = sglang;
        this.mlxServer = mlxServer;
        this.mlxConvert = mlxConvert;
        this.ollama = ollama;
    }

    static EngineArgs vendored() {
        return new EngineArgs(flat("vllm-serve.txt"), flat("sglang-launch-server.txt"), flat("mlx-lm-server.txt"),
                flat("mlx-lm-convert.txt"), sections("ollama.txt"));
    }

    /** Every option of {@code command} the engine's vendored list does not have, as one line each. */
    List<String> problems(Engine e, String command) {
        List<String> out = new ArrayList<>();
        switch (e) {
            case VLLM -> check(after(command, "vllm serve"), vllm, "vllm serve", out);
            case SGLANG -> check(after(command, "-m sglang.launch_server"), sglang, "sglang.launch_server", out);
            case MLX -> {
                for (String part : command.split("&&")) {
                    if (part.contains("mlx_lm.convert")) {
                        check(after(part, "mlx_lm.convert"), mlxConvert, "mlx_lm.convert", out);
                    } else {
                        check(after(part, "mlx_lm.server"), mlxServer, "mlx_lm.server", out);
                    }
                }
            }
            case OLLAMA -> ollama(command, out);
            default -> throw new IllegalArgumentException(e.key());
        }
        return out;
    }

    private void ollama(String command, List<String> out) {
        Matcher env = ENV.matcher(command);
        while (env.find()) {
            if (!ollama.getOrDefault("env", Set.of()).contains(env.group(1))) {
                out.add("ollama reads no environment variable " + env.group(1));
            }
        }
        Matcher m = OLLAMA.matcher(command);
        int found = 0;
        while (m.find()) {
            found++;
            String sub = m.group(1);
            if (!ollama.get("commands").contains(sub)) {
                out.add("ollama has no command " + sub);
                continue;
            }
            Set<String> flags = new HashSet<>(ollama.getOrDefault(sub, Set.of()));
            flags.addAll(ollama.get("global"));
            for (String t : m.group(2).trim().split("\\s+")) {
                if (!t.isEmpty() && !flags.contains(t)) {
                    out.add("ollama " + sub + " has no option " + t);
                }
            }
        }
        if (found == 0) {
            out.add("no ollama command in: " + command);
        }
    }

    private static String after(String command, String marker) {
        int i = command.indexOf(marker);
        return i < 0 ? "" : command.substring(i + marker.length());
    }

    private static void check(String args, Set<String> known, String tool, List<String> out) {
        for (String token : args.trim().split("\\s+")) {
            if (token.startsWith("-") && !token.matches("-?\\d.*") && !known.contains(token)) {
                out.add(tool + " has no option " + token);
            }
        }
    }

    private static Set<String> flat(String file) {
        Set<String> out = new HashSet<>();
        for (String line : lines(file)) {
            out.addAll(List.of(line.split("\\s+")));
        }
        return out;
    }

    /** A file of {@code [section]} lines, each followed by its options. */
    private static Map<String, Set<String>> sections(String file) {
        Map<String, Set<String>> out = new HashMap<>();
        Set<String> current = null;
        for (String line : lines(file)) {
            if (line.startsWith("[") && line.endsWith("]")) {
                current = out.computeIfAbsent(line.substring(1, line.length() - 1), k -> new HashSet<>());
            } else if (current != null) {
                for (String w : line.split("\\s+")) {
                    if (!w.startsWith("(")) {
                        current.add(w);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> lines(String file) {
        List<String> out = new ArrayList<>();
        try (var in = EngineArgs.class.getResourceAsStream("/engine-args/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource engine-args/" + file);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out;
    }
}

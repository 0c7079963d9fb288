package dev.runyard.app.remote;

import dev.runyard.core.error.RunyardException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Hugging Face reference {@code hf:OWNER/REPO[/FILE]} at a revision (branch, tag or commit; default
 * {@value #DEFAULT_REVISION}). FILE may name a file in a folder ({@code Q4_K_M/model-00001-of-00002.gguf}).
 */
public record HfRef(String owner, String repo, Optional<String> file, String revision) {
    public static final String PREFIX = "hf:";
    public static final String DEFAULT_REVISION = "main";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

    public HfRef {
        if (!NAME.matcher(owner).matches() || !NAME.matcher(repo).matches()) {
            throw RunyardException.badInput("'" + owner + "/" + repo + "' is not a Hugging Face repository name",
                    "use hf:OWNER/REPO or hf:OWNER/REPO/FILE");
        }
        file.ifPresent(HfRef::checkFile);
        if (revision.isBlank() || revision.contains("..") || revision.chars().anyMatch(Character::isISOControl)) {
            throw RunyardException.badInput("'" + revision + "' is not a revision", "pass a branch, tag or commit");
        }
    }

    public static boolean isHf(String arg) {
        return arg.startsWith(PREFIX);
    }

    public static HfRef parse(String arg, String revision) {
        String rest = arg.substring(PREFIX.length());
        String[] parts = rest.split("/", 3);
        if (parts.length < 2) {
            throw RunyardException.badInput("'" + arg + "' names no repository", "use hf:OWNER/REPO or hf:OWNER/REPO/FILE");
        }
        Optional<String> file = parts.length == 3 && !parts[2].isEmpty() ? Optional.of(parts[2]) : Optional.empty();
        return new HfRef(parts[0], parts[1], file, revision == null ? DEFAULT_REVISION : revision);
    }

    /** This reference pointing at {@code path} in the repository. */
    public HfRef withFile(String path) {
        return new HfRef(owner, repo, Optional.of(path), revision);
    }

    /** {@code {hub}/OWNER/REPO/resolve/REV/FILE}. */
    public URI resolveUri(URI hub) {
        String f = file.orElseThrow(() -> new IllegalStateException("no file"));
        StringBuilder path = new StringBuilder();
        for (String seg : f.split("/")) {
            path.append('/').append(encode(seg));
        }
        return URI.create(base(hub) + "/" + owner + "/" + repo + "/resolve/" + encode(revision) + path);
    }

    /** {@code {hub}/api/models/OWNER/REPO/tree/REV}, listing every file (recursive). */
    public URI treeUri(URI hub) {
        return URI.create(base(hub) + "/api/models/" + owner + "/" + repo + "/tree/" + encode(revision)
                + "?recursive=true");
    }

    /** How the source is shown: {@code hf:OWNER/REPO/FILE}, with {@code @REV} unless it is main. */
    public String display() {
        return PREFIX + owner + "/" + repo + file.map(f -> "/" + f).orElse("")
                + (revision.equals(DEFAULT_REVISION) ? "" : "@" + revision);
    }

    private static String base(URI hub) {
        return hub.toString().replaceAll("/+$", "");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void checkFile(String f) {
        for (String seg : f.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.indexOf('\\') >= 0
                    || seg.chars().anyMatch(Character::isISOControl)) {
                throw RunyardException.badInput("'" + f + "' is not a file path in a repository",
                        "use hf:OWNER/REPO/path/to/file.gguf");
            }
        }
    }
}

package dev.runyard.core.hardware;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the database entry for a GPU name as a tool printed it. Besides the database's own lookup it tries the
 * bracketed part of PCI names ("Navi 31 [Radeon RX 7900 XT/7900 XTX]") with each slash alternative, and the name
 * without a memory suffix ("A100-SXM4-80GB"). When several entries match, the one whose memory size is nearest the
 * detected size wins (a 24 GiB Navi 31 is the XTX, a 20 GiB one the XT).
 */
public final class AcceleratorMatch {
    private static final Pattern BRACKET = Pattern.compile("\\[([^\\]]+)]");
    private static final Pattern MEMORY_SUFFIX = Pattern.compile("[-\\s]*\\d{1,4}\\s*GB\\b.*$", Pattern.CASE_INSENSITIVE);

    private AcceleratorMatch() {
    }

    /** The matching accelerator for {@code name} with {@code memoryBytes} of memory (0 = unknown), if any. */
    public static Optional<Accelerator> find(AcceleratorDatabase db, String name, long memoryBytes) {
        if (name == null || name.isBlank() || name.length() > 200) {
            return Optional.empty();
        }
        Set<Accelerator> found = new LinkedHashSet<>();
        for (String c : candidates(name)) {
            String n = AcceleratorDatabase.norm(c);
            if (n.isEmpty()) {
                continue;
            }
            for (Accelerator a : db.all()) {
                if (exact(a, n)) {
                    found.add(a);
                }
            }
        }
        if (found.isEmpty()) {
            for (String c : candidates(name)) {
                if (AcceleratorDatabase.norm(c).length() >= 3) {
                    db.find(c).ifPresent(found::add);
                }
            }
        }
        if (found.size() <= 1 || memoryBytes <= 0) {
            return found.stream().findFirst();
        }
        double gib = memoryBytes / (double) (1L << 30);
        return found.stream().min(Comparator.comparingDouble(a -> nearest(a, gib)));
    }

    static List<String> candidates(String name) {
        List<String> out = new ArrayList<>();
        out.add(name.strip());
        Matcher b = BRACKET.matcher(name);
        if (b.find()) {
            String[] alts = b.group(1).split("/");
            String first = alts[0].strip();
            out.add(first);
            // "Radeon RX 7900 XT/7900 XTX": later alternatives share the words before the first one's model number.
            String prefix = first.replaceAll("\\S*\\d\\S*.*$", "");
            for (int i = 1; i < alts.length; i++) {
                out.add(prefix + alts[i].strip());
            }
        }
        String stripped = MEMORY_SUFFIX.matcher(name).replaceFirst("").strip();
        if (!stripped.isEmpty() && !stripped.equals(name.strip())) {
            out.add(stripped);
        }
        return out;
    }

    private static boolean exact(Accelerator a, String n) {
        if (AcceleratorDatabase.norm(a.name()).equals(n) || AcceleratorDatabase.norm(a.id()).equals(n)
                || AcceleratorDatabase.norm(a.vendor().displayName() + " " + a.name()).equals(n)) {
            return true;
        }
        return a.aliases().stream().anyMatch(x -> AcceleratorDatabase.norm(x).equals(n));
    }

    private static double nearest(Accelerator a, double gib) {
        return a.memoryGbOptions().stream().mapToDouble(o -> Math.abs(o - gib)).min().orElse(Double.MAX_VALUE);
    }
}

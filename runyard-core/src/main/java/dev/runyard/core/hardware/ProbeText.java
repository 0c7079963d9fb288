package dev.runyard.core.hardware;

import java.util.List;
import java.util.OptionalLong;

/** Helpers the probe parsers share: tolerant number parsing and capped, one-line warnings. */
final class ProbeText {
    /** At most this many warnings from one parser, so a tool printing garbage cannot flood the output. */
    static final int MAX_WARNINGS = 16;
    private static final int MAX_QUOTE = 120;

    private ProbeText() {
    }

    static void warn(List<String> warnings, String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(message);
        } else if (warnings.size() == MAX_WARNINGS) {
            warnings.add("more probe warnings left out");
        }
    }

    /** The text shortened to one line of at most 120 characters, for quoting in a warning. */
    static String quote(String s) {
        String one = s == null ? "" : s.strip().replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?");
        return "\"" + (one.length() > MAX_QUOTE ? one.substring(0, MAX_QUOTE) + "..." : one) + "\"";
    }

    /** A non-negative integer, or empty for blanks, "[N/A]", "[Not Supported]", negatives and overflow. */
    static OptionalLong parseLong(String s) {
        if (s == null) {
            return OptionalLong.empty();
        }
        String t = s.strip();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(t));
    }

    /** {@code value * unit} or empty when it would overflow. */
    static OptionalLong times(OptionalLong value, long unit) {
        if (value.isEmpty()) {
            return value;
        }
        try {
            return OptionalLong.of(Math.multiplyExact(value.getAsLong(), unit));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }
}

package dev.runyard.app.remote;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range: bytes FIRST-LAST/TOTAL} header (RFC 9110 §14.4); {@code total} is -1 for {@code *}.
 * For a 416 answer the header is {@code bytes *}{@code /TOTAL}, read by {@link #unsatisfiedTotal}.
 */
public record ContentRange(long first, long last, long total) {
    private static final Pattern RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d{1,18})");

    public ContentRange {
        if (first < 0 || last < first || total != -1 && last >= total) {
            throw new IllegalArgumentException("invalid range " + first + "-" + last + "/" + total);
        }
    }

    public static Optional<ContentRange> parse(String header) {
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            return Optional.of(new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), total));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The total of a {@code bytes *}{@code /TOTAL} header, or -1. */
    public static long unsatisfiedTotal(String header) {
        Matcher m = UNSATISFIED.matcher(header.strip());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public long length() {
        return last - first + 1;
    }
}

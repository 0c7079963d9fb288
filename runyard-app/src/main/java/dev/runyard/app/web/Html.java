package dev.runyard.app.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Escaping and number formats for the pages; one place, so every value written into HTML is escaped. */
final class Html {
    private Html() {
    }

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** A model page link; the id's slash stays a path separator. */
    static String modelHref(String id) {
        StringBuilder sb = new StringBuilder("/models");
        for (String part : id.split("/")) {
            sb.append('/').append(url(part).replace("+", "%20"));
        }
        return sb.toString();
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    static String ctx(long tokens) {
        if (tokens >= 1024 && tokens % 1024 == 0) {
            return (tokens / 1024) + "K";
        }
        return String.format(Locale.ROOT, "%,d", tokens);
    }

    static String params(long n) {
        if (n <= 0) {
            return "?";
        }
        return n >= 1e9 ? String.format(Locale.ROOT, "%.1fB", n / 1e9) : String.format(Locale.ROOT, "%.0fM", n / 1e6);
    }

    static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String fit(String key) {
        return switch (key) {
            case "full_gpu" -> "full GPU";
            case "partial_offload" -> "offload";
            case "cpu_only" -> "CPU";
            default -> "does not fit";
        };
    }

    /** The fit as a coloured badge; the word is the information, the colour only repeats it. */
    static String badge(String key) {
        String k = switch (key) {
            case "full_gpu", "partial_offload", "cpu_only" -> key;
            default -> "does_not_fit";
        };
        return "<span class=\"badge " + k + "\">" + fit(key) + "</span>";
    }

    static String opt(String value, String label, boolean selected) {
        return "<option value=\"" + esc(value) + "\"" + (selected ? " selected" : "") + ">" + esc(label) + "</option>";
    }
}

package dev.runyard.core.hardware;

import dev.runyard.core.error.RunyardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hardware as people write it: "2x RTX 3090", "RTX 4090 + RTX 3060", "M3 Max 64GB",
 * "Apple M3 Ultra (80-core GPU) 512GB", "H100". Each part resolves to an accelerator, a count and a memory size
 * (the stated one if the accelerator sells it, else its first option).
 */
public record HardwareSpec(List<Part> parts, List<String> warnings) {
    /** {@code count} identical devices of {@code memoryBytes} each. */
    public record Part(Accelerator accelerator, int count, long memoryBytes) {
    }

    private static final Pattern COUNT = Pattern.compile("^\\s*(\\d{1,4})\\s*[x×*]\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEMORY = Pattern.compile("\\s*(\\d{1,4}(?:\\.\\d+)?)\\s*(GB|GiB|G|TB)\\s*$",
            Pattern.CASE_INSENSITIVE);

    public HardwareSpec {
        parts = List.copyOf(parts);
        warnings = List.copyOf(warnings);
    }

    public static HardwareSpec parse(String text, AcceleratorDatabase db) {
        if (text == null || text.isBlank()) {
            throw RunyardException.badInput("empty GPU description", "e.g. --gpu \"2x RTX 3090\"");
        }
        if (text.length() > 500) {
            throw RunyardException.badInput("GPU description is too long", "e.g. --gpu \"2x RTX 3090\"");
        }
        List<Part> parts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String raw : text.split("\\+|,|;")) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            int count = 1;
            Matcher cm = COUNT.matcher(s);
            if (cm.matches()) {
                count = Integer.parseInt(cm.group(1));
                s = cm.group(2).trim();
            }
            if (count <= 0 || count > 1024) {
                throw RunyardException.badInput("GPU count must be 1 to 1024 in \"" + raw.trim() + "\"", "e.g. 2x RTX 3090");
            }
            double memGb = 0;
            Accelerator a = db.find(s).orElse(null);
            Matcher mm = MEMORY.matcher(s);
            if (mm.find()) {
                memGb = Double.parseDouble(mm.group(1)) * (mm.group(2).equalsIgnoreCase("TB") ? 1024 : 1);
                String stripped = s.substring(0, mm.start()).trim();
                Accelerator byStripped = stripped.isEmpty() ? null : db.find(stripped).orElse(null);
                // "M3 Max 64GB": of the variants named so, take the one sold with that memory.
                final double gb = memGb;
                Accelerator sold = db.candidates(stripped).stream()
                        .filter(c -> c.memoryGbOptions().contains(gb)).findFirst().orElse(null);
                if (sold != null && (byStripped == null || !byStripped.memoryGbOptions().contains(gb))) {
                    byStripped = sold;
                }
                if (byStripped != null && (a == null || !a.memoryGbOptions().contains(memGb))) {
                    a = byStripped;
                }
            }
            if (a == null) {
                a = db.resolve(s);
            }
            long bytes = a.memoryBytes();
            if (memGb > 0) {
                if (!a.memoryGbOptions().isEmpty() && !a.memoryGbOptions().contains(memGb)) {
                    warnings.add(a.name() + " is not sold with " + fmt(memGb) + " GB (options: "
                            + a.memoryGbOptions().stream().map(HardwareSpec::fmt).toList() + "); using " + fmt(memGb) + " GB");
                }
                bytes = (long) (memGb * (1L << 30));
            } else if (a.memoryGbOptions().size() > 1) {
                warnings.add(a.name() + " comes with " + a.memoryGbOptions().stream().map(HardwareSpec::fmt).toList()
                        + " GB; assuming " + fmt(a.memoryGbOptions().get(0)) + " GB (add e.g. \"64GB\" to choose)");
            }
            parts.add(new Part(a, count, bytes));
        }
        if (parts.isEmpty()) {
            throw RunyardException.badInput("no GPU in \"" + text + "\"", "e.g. --gpu \"2x RTX 3090\"");
        }
        return new HardwareSpec(parts, warnings);
    }

    public int deviceCount() {
        return parts.stream().mapToInt(Part::count).sum();
    }

    public long totalMemoryBytes() {
        return parts.stream().mapToLong(p -> p.memoryBytes() * p.count()).sum();
    }

    public boolean identical() {
        return parts.size() == 1;
    }

    private static String fmt(double gb) {
        return gb == Math.rint(gb) ? String.valueOf((long) gb) : String.format(Locale.ROOT, "%.1f", gb);
    }
}

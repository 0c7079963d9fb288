package dev.runyard.core.format.safetensors;

import dev.runyard.core.error.RunyardException;

/** A safetensors file or index that breaks the format or our limits; names the file, byte offset and field. */
public final class SafetensorsFormatException extends RunyardException {
    private final String file;
    private final long offset;
    private final String field;

    public SafetensorsFormatException(String file, long offset, String field, String problem) {
        super(Kind.BAD_INPUT, printable(file) + (offset >= 0 ? " at byte " + offset : "") + " (" + printable(field)
                + "): " + printable(problem), "the file is not valid safetensors; re-download it");
        this.file = file;
        this.offset = offset;
        this.field = field;
    }

    /** Names come from the file: keep the message on one short line. */
    static String printable(String s) {
        String t = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return t.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    public String file() {
        return file;
    }

    /** Byte offset of the problem, or -1 when it concerns the file as a whole. */
    public long offset() {
        return offset;
    }

    public String field() {
        return field;
    }
}

package dev.runyard.core.format.gguf;

import dev.runyard.core.error.RunyardException;

/** A GGUF file that breaks the format or our limits; the message names the file, byte offset and field. */
public final class GgufFormatException extends RunyardException {
    private final String file;
    private final long offset;
    private final String field;

    public GgufFormatException(String file, long offset, String field, String problem) {
        super(Kind.BAD_INPUT, message(file, offset, field, problem), "the file is not a valid GGUF; re-download it");
        this.file = file;
        this.offset = offset;
        this.field = field;
    }

    private static String message(String file, long offset, String field, String problem) {
        String at = offset >= 0 ? " at byte " + offset : "";
        return printable(file) + at + " (" + printable(field) + "): " + printable(problem);
    }

    /** Names and values come from the file: keep the one-line message one line and short. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char ch = s.charAt(i);
            b.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return s.length() > 200 ? b + "…" : b.toString();
    }

    public String file() {
        return file;
    }

    /** Byte offset of the bad field, or -1 when it concerns the file as a whole. */
    public long offset() {
        return offset;
    }

    public String field() {
        return field;
    }
}

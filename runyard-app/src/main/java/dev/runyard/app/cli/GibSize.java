package dev.runyard.app.cli;

import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.units.ByteSize;
import picocli.CommandLine;

/**
 * Reads a memory size option (--ram, --vram) into bytes, once, where the text arrives: {@code 64} and {@code 64GiB}
 * are GiB (2^30 bytes: how operating systems report RAM and how it is sold), {@code 64GB} is 10^9 bytes.
 */
final class GibSize implements CommandLine.ITypeConverter<Long> {
    static final String HELP = "a bare number is GiB (2^30 bytes, as RAM is sold and reported); 64GiB and 64GB "
            + "(10^9 bytes) also work";

    @Override
    public Long convert(String value) {
        long bytes;
        try {
            bytes = ByteSize.parse(value, ByteSize.GIB).bytes();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        if (bytes <= 0 || bytes > MachineResolver.MAX_RAM_BYTES) {
            throw new CommandLine.TypeConversionException("\"" + value.strip()
                    + "\" is out of range (more than 0, at most 64 TiB)");
        }
        return bytes;
    }
}

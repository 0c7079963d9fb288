package dev.runyard.core.format.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes safetensors files in test code: contiguous ranges from dtype × shape, zero-filled data. */
final class SafetensorsWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode root = MAPPER.createObjectNode();
    private long offset;

    SafetensorsWriter meta(String key, String value) {
        root.withObject("/__metadata__").put(key, value);
        return this;
    }

    SafetensorsWriter tensor(String name, SafetensorsDtype dtype, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        long end = offset + dtype.bytes(n);
        ObjectNode t = root.putObject(name);
        t.put("dtype", dtype.name());
        shape(t.putArray("shape"), shape);
        t.putArray("data_offsets").add(offset).add(end);
        offset = end;
        return this;
    }

    private static void shape(com.fasterxml.jackson.databind.node.ArrayNode a, long[] shape) {
        for (long d : shape) {
            a.add(d);
        }
    }

    byte[] bytes() {
        return bytes(root.toString());
    }

    /** A file with this raw JSON header and this writer's data length. */
    byte[] bytes(String json) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.writeBytes(header);
        out.writeBytes(new byte[(int) offset]);
        return out.toByteArray();
    }

    Path write(Path path) throws IOException {
        Files.write(path, bytes());
        return path;
    }
}

package dev.runyard.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes every successful response: the body, a strong ETag (SHA-256 of the body, 16 bytes) and, when the client
 * already holds that version ({@code If-None-Match}), 304 without a body.
 */
final class Responder {
    static final ObjectMapper JSON = new ObjectMapper();

    private Responder() {
    }

    static void json(Context ctx, Object value) {
        send(ctx, "application/json; charset=utf-8", bytes(value));
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static void send(Context ctx, String contentType, byte[] body) {
        send(ctx, contentType, body, etag(body));
    }

    /** As {@link #send(Context, String, byte[])} with the ETag already computed (cached responses). */
    static void send(Context ctx, String contentType, byte[] body, String etag) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(contentType);
        ctx.result(body);
    }

    static String etag(byte[] body) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(h, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String s = t.strip();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            if (s.equals(etag) || s.equals("*")) {
                return true;
            }
        }
        return false;
    }
}

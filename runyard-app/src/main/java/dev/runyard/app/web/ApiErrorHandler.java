package dev.runyard.app.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before Javalin sees the request (a malformed percent-encoding, a URI or header too long): the
 * same {@code {"error", "detail"}} JSON as every other /api/v1 error. Such a request never reaches the app, so its
 * path is often unknown (Jetty calls it "/badMessage"); it gets JSON too, other paths Jetty's own page.
 */
final class ApiErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        // A request Jetty could not parse arrives as "/badMessage": its real path is unknown, so JSON it is.
        if (path != null && !path.startsWith(ApiRoutes.BASE) && !path.equals("/badMessage")) {
            return super.handle(request, response, callback);
        }
        int code = request.getAttribute(ERROR_STATUS) instanceof Integer i ? i : response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(json(code, message == null ? null : message.toString())), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        return ByteBuffer.wrap(json(status, reason));
    }

    private static byte[] json(int code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        String reason = HttpStatus.getMessage(code);
        body.put("error", reason == null ? "request refused" : reason.toLowerCase(Locale.ROOT));
        body.put("detail", message == null || message.isBlank() ? "HTTP " + code
                : WebApp.clip(message.lines().findFirst().orElse("")));
        return Responder.JSON.valueToTree(body).toString().getBytes(StandardCharsets.UTF_8);
    }
}

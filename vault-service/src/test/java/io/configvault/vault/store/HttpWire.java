package io.configvault.vault.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bits of HTTP/1.1 that {@link S3FaultProxy} speaks: request and response heads, bodies by
 * Content-Length or chunked, and an answer of its own. Headers are {@code {name, value}} pairs in
 * the order they came.
 */
final class HttpWire {

    private HttpWire() {
    }

    static void respond(OutputStream out, int status, String reason, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\n"
                + (bytes.length > 0 ? "Content-Type: application/xml\r\n" : "")
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
    }

    static String header(List<String[]> headers, String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1])
                .findFirst().orElse(null);
    }

    static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            lines.add(line);
        }
        return lines;
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] readBody(InputStream in, List<String[]> headers) throws IOException {
        String length = header(headers, "content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length));
        }
        if ("chunked".equalsIgnoreCase(header(headers, "transfer-encoding"))) {
            return AwsChunked.decode(in);
        }
        return new byte[0];
    }
}

package io.configvault.shared.event;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka record as a small text file, for the event decoder's fuzz corpus. One line per part, in
 * record order:
 * <pre>
 * key =demo-nas
 * header cv-format =1
 * header cv-segment ~
 * value =%01%02%03
 * </pre>
 * A value is {@code ~} for null, otherwise {@code =} and its bytes, with every byte outside
 * printable ASCII and {@code %} written as {@code %XX}; header names are written the same way
 * without the {@code =}. Stateless.
 */
final class RecordFiles {

    private RecordFiles() {
    }

    static byte[] write(EncodedRecord record) {
        StringBuilder out = new StringBuilder();
        out.append("key ").append(token(record.key())).append('\n');
        for (Header header : record.headers()) {
            out.append("header ").append(escape(header.name().getBytes(StandardCharsets.UTF_8)))
                    .append(' ').append(token(header.value())).append('\n');
        }
        out.append("value ").append(token(record.value())).append('\n');
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** @throws IllegalArgumentException for a file that is not in this format */
    static EncodedRecord read(byte[] file) {
        byte[] key = null;
        byte[] value = null;
        List<Header> headers = new ArrayList<>();
        for (String line : new String(file, StandardCharsets.US_ASCII).split("\n")) {
            String[] parts = line.split(" ", -1);
            switch (parts[0]) {
                case "key" -> key = parse(parts[1]);
                case "value" -> value = parse(parts[1]);
                case "header" -> headers.add(new Header(
                        new String(unescape(parts[1]), StandardCharsets.UTF_8), parse(parts[2])));
                default -> throw new IllegalArgumentException("Not a record file line: " + line);
            }
        }
        return new EncodedRecord(key, headers, value);
    }

    private static String token(byte[] bytes) {
        return bytes == null ? "~" : "=" + escape(bytes);
    }

    private static byte[] parse(String token) {
        if (token.equals("~")) {
            return null;
        }
        if (!token.startsWith("=")) {
            throw new IllegalArgumentException("Not a record file value: " + token);
        }
        return unescape(token.substring(1));
    }

    private static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%' && c != '~' && c != '=') {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    private static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}

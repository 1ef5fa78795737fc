package io.configvault.vault.api;

import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The rules for a raw request path (as sent, before any decoding). A path is refused when a
 * segment, decoded once, is {@code .} or {@code ..}, holds a {@code /} or {@code \} (an encoded
 * separator), a NUL or other control character, or still holds a percent escape (double
 * encoding), is not UTF-8, or is longer than {@value #MAX_SEGMENT} characters; or when the whole
 * path is longer than {@value #MAX_PATH}. Legitimate ids never need any of these.
 */
final class RawPaths {

    static final int MAX_SEGMENT = 128;
    static final int MAX_PATH = 2048;

    private RawPaths() {
    }

    /** @return what is wrong (without echoing the path), or null when the path is fine */
    @Nullable
    static String problem(@Nullable String rawPath) {
        if (rawPath == null) {
            return "it is missing";
        }
        if (rawPath.length() > MAX_PATH) {
            return "it is longer than " + MAX_PATH + " characters";
        }
        if (rawPath.indexOf('\\') >= 0) {
            return "it holds a backslash";
        }
        for (String raw : rawPath.split("/", -1)) {
            String segment = decode(raw);
            if (segment == null) {
                return "a segment is not valid percent-encoded UTF-8";
            }
            String problem = segmentProblem(segment);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    @Nullable
    private static String segmentProblem(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            return "it holds a '.' or '..' segment";
        }
        if (segment.length() > MAX_SEGMENT) {
            return "an id is longer than " + MAX_SEGMENT + " characters";
        }
        if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
            return "it holds an encoded path separator";
        }
        if (segment.matches(".*%[0-9A-Fa-f]{2}.*")) {
            return "it is encoded twice";
        }
        for (int i = 0; i < segment.length(); i++) {
            if (Character.isISOControl(segment.charAt(i))) {
                return "it holds a NUL or control character";
            }
        }
        return null;
    }

    /** Percent-decodes once (no '+' to space: that is for query strings); null when invalid. */
    @Nullable
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= raw.length()) {
                return null;
            }
            int high = Character.digit(raw.charAt(i + 1), 16);
            int low = Character.digit(raw.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

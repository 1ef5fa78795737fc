package io.configvault.vault.diff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a value appears in a diff: SQL NULL as JSON null, numbers as numbers (infinities as text),
 * text as text (cut after {@value Value#MAX_TEXT_CHARS} characters with a marker naming its
 * length), a blob as its size and SHA-256, and a value of a sensitive column as
 * {@value Redaction#REDACTED}.
 */
final class Shown {

    private Shown() {
    }

    static Object of(Value value, boolean redacted) {
        if (redacted) {
            return Redaction.REDACTED;
        }
        return switch (value) {
            case Value.Null n -> null;
            case Value.Int i -> i.value();
            case Value.Real r -> Double.isFinite(r.value()) ? r.value() : String.valueOf(r.value());
            case Value.Text t when t.length() > Value.MAX_TEXT_CHARS -> cut(t);
            case Value.Text t -> t.text();
            case Value.Blob b -> blob(b);
        };
    }

    private static String cut(Value.Text t) {
        String text = t.text();
        int end = Math.min(text.length(), Value.MAX_TEXT_CHARS);
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…[cut: " + t.length() + " characters]";
    }

    private static Map<String, Object> blob(Value.Blob b) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("blobBytes", b.size());
        shown.put("sha256", b.sha256());
        return shown;
    }
}

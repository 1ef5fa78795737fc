package io.configvault.shared.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document as a fuzzer wants it: members in order and possibly repeated, numbers as their
 * raw text (so {@code 1e400} or a 30-digit integer survive), rendered back byte for byte
 * predictably. Immutable values; thread-safe.
 */
public sealed interface Json {

    record Str(String value) implements Json {
    }

    /** A number token exactly as written; also used to render invalid tokens on purpose. */
    record Num(String raw) implements Json {
    }

    record Bool(boolean value) implements Json {
    }

    record Null() implements Json {
    }

    record Arr(List<Json> items) implements Json {
        public Arr {
            items = List.copyOf(items);
        }
    }

    record Obj(List<Member> members) implements Json {
        public Obj {
            members = List.copyOf(members);
        }
    }

    record Member(String key, Json value) {
    }

    /** Limits far above those of the parsers under test, so that mutations can cross theirs. */
    final class Factory {
        private static final JsonFactory JSON = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64).maxStringLength(1 << 20).build())
                .build();

        private Factory() {
        }
    }

    /** Parses one document; anything but well-formed JSON throws. */
    static Json parse(byte[] bytes) throws IOException {
        try (JsonParser parser = Factory.JSON.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty document");
            }
            return read(parser, first);
        }
    }

    private static Json read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                List<Member> members = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT;
                     next = parser.nextToken()) {
                    String key = parser.currentName();
                    members.add(new Member(key, read(parser, parser.nextToken())));
                }
                yield new Obj(members);
            }
            case START_ARRAY -> {
                List<Json> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY;
                     next = parser.nextToken()) {
                    items.add(read(parser, next));
                }
                yield new Arr(items);
            }
            case VALUE_STRING -> new Str(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Num(parser.getText());
            case VALUE_TRUE -> new Bool(true);
            case VALUE_FALSE -> new Bool(false);
            case VALUE_NULL -> new Null();
            default -> throw new IOException("unexpected token " + token);
        };
    }

    /** Compact JSON, or with a space after each separator when {@code spaced}. */
    static String render(Json json, boolean spaced) {
        StringBuilder out = new StringBuilder();
        render(json, spaced ? " " : "", out);
        return out.toString();
    }

    private static void render(Json json, String space, StringBuilder out) {
        switch (json) {
            case Str s -> quote(s.value(), out);
            case Num n -> out.append(n.raw());
            case Bool b -> out.append(b.value());
            case Null n -> out.append("null");
            case Arr a -> {
                out.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    out.append(i == 0 ? "" : "," + space);
                    render(a.items().get(i), space, out);
                }
                out.append(']');
            }
            case Obj o -> {
                out.append('{');
                for (int i = 0; i < o.members().size(); i++) {
                    out.append(i == 0 ? "" : "," + space);
                    quote(o.members().get(i).key(), out);
                    out.append(':').append(space);
                    render(o.members().get(i).value(), space, out);
                }
                out.append('}');
            }
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(text.charAt(i - 1)))) {
                // Control characters and lone surrogates as escapes: legal JSON text either way.
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}

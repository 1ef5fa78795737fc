package io.configvault.local.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading the APIs' JSON in tests. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String field(String json, String name) {
        return parse(json).get(name).asText();
    }

    /** The {@code items} of a snapshot listing, newest first. */
    static List<JsonNode> items(String json) {
        List<JsonNode> items = new ArrayList<>();
        parse(json).get("items").forEach(items::add);
        return items;
    }
}

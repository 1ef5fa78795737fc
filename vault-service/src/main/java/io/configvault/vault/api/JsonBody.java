package io.configvault.vault.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * A small JSON request body read strictly: at most {@link #MAX_BYTES}, one object, only the
 * listed fields, string values. Errors are {@link ApiProblem}s (400, 413) that name the field,
 * never echo its value.
 */
final class JsonBody {

    /** Enrolment bodies hold a token and a public key (a few KiB); 64 KiB is plenty. */
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    /** An absent or empty body reads as {@code {}}. */
    static JsonBody parse(byte[] body, Set<String> fields) {
        if (body == null || body.length == 0) {
            return new JsonBody(JSON.createObjectNode());
        }
        if (body.length > MAX_BYTES) {
            throw new ApiProblem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
                    "The request body is larger than " + MAX_BYTES + " bytes.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("The request body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw ApiProblem.badRequest("The request body cannot be read.");
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object.");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiProblem.badRequest("Unknown field in the request body (allowed: "
                        + String.join(", ", fields.stream().sorted().toList()) + ").");
            }
        }
        return new JsonBody(node);
    }

    String required(String field) {
        String value = optional(field);
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(field + " is required.");
        }
        return value;
    }

    /** @return the string value, or null when the field is absent or null */
    String optional(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiProblem.badRequest(field + " must be a string.");
        }
        return value.asText();
    }

    /** @return the array of strings, or null when the field is absent or null */
    java.util.List<String> strings(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ApiProblem.badRequest(field + " must be an array of strings.");
        }
        java.util.List<String> strings = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiProblem.badRequest(field + " must be an array of strings.");
            }
            strings.add(item.asText());
        }
        return strings;
    }

    /** An ISO-8601 duration such as {@code PT24H}, or null when absent. */
    Duration duration(String field) {
        String value = optional(field);
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field + " must be an ISO-8601 duration such as PT24H.");
        }
    }
}

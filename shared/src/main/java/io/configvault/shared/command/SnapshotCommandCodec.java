package io.configvault.shared.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/**
 * JSON form of a snapshot request (format 1): one object, fields in a fixed order, one line.
 * Reading is strict like the heartbeat's: unknown, missing, repeated or wrongly typed fields are
 * errors, and so are anything after the object and anything larger than {@link #MAX_BYTES}.
 * Thread-safe.
 */
public final class SnapshotCommandCodec {

    /** Upper bound for a snapshot request document; larger is refused before parsing. */
    public static final int MAX_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(2).maxStringLength(1024).maxNumberLength(10).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("format", "requestId", "applianceId",
            "fleet", "label", "issuedAt", "expiresAt");

    private SnapshotCommandCodec() {
    }

    public static byte[] encode(SnapshotCommand command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("format", command.format());
            json.writeStringField("requestId", command.requestId().toString());
            json.writeStringField("applianceId", command.applianceId());
            json.writeStringField("fleet", command.fleet());
            json.writeStringField("label", command.label());
            json.writeStringField("issuedAt", command.issuedAt().toString());
            json.writeStringField("expiresAt", command.expiresAt().toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * @throws SnapshotCommandFormatException "snapshot request ...: reason" for anything that is
     *                                        not a valid format-1 snapshot request
     */
    public static SnapshotCommand decode(byte[] bytes) throws SnapshotCommandFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new SnapshotCommandFormatException("snapshot request larger than " + MAX_BYTES
                    + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Duplicate field")) {
                throw new SnapshotCommandFormatException("snapshot request repeats a field");
            }
            throw new SnapshotCommandFormatException("snapshot request is not valid JSON");
        }
        if (!(root instanceof ObjectNode)) {
            throw new SnapshotCommandFormatException("snapshot request is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!FIELDS.contains(names.next())) {
                throw new SnapshotCommandFormatException("snapshot request has an unknown field");
            }
        }
        for (String field : FIELDS) {
            if (!root.has(field)) {
                throw new SnapshotCommandFormatException("snapshot request lacks the field '"
                        + field + "'");
            }
        }
        JsonNode format = root.get("format");
        if (!format.isIntegralNumber() || !format.canConvertToInt()) {
            throw new SnapshotCommandFormatException("snapshot request field 'format' is not an"
                    + " integer");
        }
        if (format.intValue() != SnapshotCommand.FORMAT) {
            throw new SnapshotCommandFormatException("unsupported snapshot request format "
                    + format.intValue());
        }
        try {
            return new SnapshotCommand(format.intValue(),
                    SnapshotId.parse(text(root, "requestId")), text(root, "applianceId"),
                    text(root, "fleet"), root.get("label").isNull() ? null : text(root, "label"),
                    instant(root, "issuedAt"), instant(root, "expiresAt"));
        } catch (IllegalArgumentException e) {
            // Our own constructors and parsers: their messages quote input only printably.
            throw new SnapshotCommandFormatException("snapshot request is invalid: "
                    + e.getMessage());
        }
    }

    private static Instant instant(JsonNode node, String field)
            throws SnapshotCommandFormatException {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeException e) {
            throw new SnapshotCommandFormatException("snapshot request field '" + field
                    + "' is not an ISO-8601 UTC instant");
        }
    }

    private static String text(JsonNode node, String field)
            throws SnapshotCommandFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new SnapshotCommandFormatException("snapshot request field '" + field
                    + "' is not a string");
        }
        return value.textValue();
    }
}

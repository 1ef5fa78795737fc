package io.configvault.shared.heartbeat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/**
 * JSON form of a heartbeat (format 1): one object, fields in a fixed order, one line. Reading is
 * strict: unknown, missing, repeated or wrongly typed fields are errors, and so are anything after
 * the object and anything larger than {@link #MAX_BYTES}. Thread-safe.
 */
public final class HeartbeatCodec {

    /** Upper bound for a heartbeat document; larger is refused before parsing. */
    public static final int MAX_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(2).maxStringLength(256).maxNumberLength(10).build())
            // One reading only: a repeated field or a second document is refused, not
            // resolved by whichever value the parser happens to keep.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("format", "applianceId", "fleet",
            "heartbeatId", "at", "trigger", "lastSnapshotId", "contentDigest", "agentVersion");

    private HeartbeatCodec() {
    }

    public static byte[] encode(Heartbeat heartbeat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("format", heartbeat.format());
            json.writeStringField("applianceId", heartbeat.applianceId());
            json.writeStringField("fleet", heartbeat.fleet());
            json.writeStringField("heartbeatId", heartbeat.heartbeatId().toString());
            json.writeStringField("at", heartbeat.at().toString());
            json.writeStringField("trigger", heartbeat.trigger().name());
            json.writeStringField("lastSnapshotId", heartbeat.lastSnapshotId().toString());
            json.writeStringField("contentDigest", heartbeat.contentDigest());
            json.writeStringField("agentVersion", heartbeat.agentVersion());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * @throws HeartbeatFormatException "heartbeat ...: reason" for anything that is not a valid
     *                                  format-1 heartbeat
     */
    public static Heartbeat decode(byte[] bytes) throws HeartbeatFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new HeartbeatFormatException("heartbeat larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Duplicate field")) {
                throw new HeartbeatFormatException("heartbeat repeats a field");
            }
            throw new HeartbeatFormatException("heartbeat is not valid JSON");
        }
        if (!(root instanceof ObjectNode)) {
            throw new HeartbeatFormatException("heartbeat is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!FIELDS.contains(names.next())) {
                throw new HeartbeatFormatException("heartbeat has an unknown field");
            }
        }
        for (String field : FIELDS) {
            if (!root.has(field)) {
                throw new HeartbeatFormatException("heartbeat lacks the field '" + field + "'");
            }
        }
        JsonNode format = root.get("format");
        if (!format.isIntegralNumber() || !format.canConvertToInt()) {
            throw new HeartbeatFormatException("heartbeat field 'format' is not an integer");
        }
        if (format.intValue() != Heartbeat.FORMAT) {
            throw new HeartbeatFormatException("unsupported heartbeat format "
                    + format.intValue());
        }
        try {
            return new Heartbeat(format.intValue(), text(root, "applianceId"),
                    text(root, "fleet"), SnapshotId.parse(text(root, "heartbeatId")),
                    instant(root, "at"), trigger(text(root, "trigger")),
                    SnapshotId.parse(text(root, "lastSnapshotId")), text(root, "contentDigest"),
                    text(root, "agentVersion"));
        } catch (IllegalArgumentException e) {
            // Our own constructors and parsers: their messages quote input only printably.
            throw new HeartbeatFormatException("heartbeat is invalid: " + e.getMessage());
        }
    }

    /** The JDK's parse error quotes the whole input, control characters and all: not passed on. */
    private static Instant instant(JsonNode node, String field) throws HeartbeatFormatException {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeException e) {
            throw new HeartbeatFormatException("heartbeat field '" + field
                    + "' is not an ISO-8601 UTC instant");
        }
    }

    private static String text(JsonNode node, String field) throws HeartbeatFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new HeartbeatFormatException("heartbeat field '" + field + "' is not a string");
        }
        return value.textValue();
    }

    private static Trigger trigger(String name) throws HeartbeatFormatException {
        for (Trigger trigger : Trigger.values()) {
            if (trigger.name().equals(name)) {
                return trigger;
            }
        }
        throw new HeartbeatFormatException("heartbeat names an unknown trigger");
    }
}

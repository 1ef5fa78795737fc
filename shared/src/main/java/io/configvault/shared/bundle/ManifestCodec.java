package io.configvault.shared.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * JSON form of the manifest (format 1). Field order is fixed so the same manifest always gives the
 * same bytes. Reading is strict: unknown, missing or repeated fields, wrong types and anything
 * after the document are errors, and refusals quote input only through
 * {@link Identifiers#printable}. Thread-safe.
 */
public final class ManifestCodec {

    /** Upper bound for the manifest entry; larger is refused before parsing. */
    public static final int MAX_MANIFEST_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8).maxStringLength(4096).maxNumberLength(20).build())
            // One reading only: a repeated field or a second document is refused, not
            // resolved by whichever value the parser happens to keep.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> MANIFEST_FIELDS = Set.of("format", "applianceId", "fleet",
            "snapshotId", "sequence", "trigger", "capturedAt", "timeZone", "agentVersion", "label",
            "restorable", "notRestorableReason", "entries");
    /** Fields that may be absent (absent means null). */
    private static final Set<String> OPTIONAL_MANIFEST_FIELDS = Set.of("requestId");
    private static final Set<String> ENTRY_FIELDS =
            Set.of("name", "kind", "size", "sha256", "mode", "modifiedAt", "sensitive");

    private ManifestCodec() {
    }

    public static byte[] encode(Manifest manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("format", manifest.format());
            json.writeStringField("applianceId", manifest.applianceId());
            json.writeStringField("fleet", manifest.fleet());
            json.writeStringField("snapshotId", manifest.snapshotId().toString());
            json.writeNumberField("sequence", manifest.sequence());
            json.writeStringField("trigger", manifest.trigger().name());
            json.writeStringField("capturedAt", manifest.capturedAt().toString());
            json.writeStringField("timeZone", manifest.timeZone().getId());
            json.writeStringField("agentVersion", manifest.agentVersion());
            json.writeStringField("label", manifest.label());
            if (manifest.requestId() != null) {
                // Optional: manifests without a request keep their bytes (golden vectors).
                json.writeStringField("requestId", manifest.requestId().toString());
            }
            json.writeBooleanField("restorable", manifest.restorable());
            json.writeStringField("notRestorableReason", manifest.notRestorableReason());
            json.writeArrayFieldStart("entries");
            for (ManifestEntry entry : manifest.entries()) {
                json.writeStartObject();
                json.writeStringField("name", entry.name());
                json.writeStringField("kind", entry.kind().wireName());
                json.writeNumberField("size", entry.size());
                json.writeStringField("sha256", entry.sha256());
                json.writeStringField("mode", String.format("%04o", entry.mode()));
                json.writeStringField("modifiedAt",
                        entry.modifiedAt() == null ? null : entry.modifiedAt().toString());
                json.writeBooleanField("sensitive", entry.sensitive());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * @throws BundleFormatException "manifest ...: reason" for anything that is not a valid
     *                               format-1 manifest
     */
    public static Manifest decode(byte[] bytes, int maxEntries) throws BundleFormatException {
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new BundleFormatException("manifest larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Duplicate field")) {
                throw new BundleFormatException("manifest repeats a field");
            }
            throw new BundleFormatException("manifest is not valid JSON");
        }
        try {
            requireFields(root, MANIFEST_FIELDS, OPTIONAL_MANIFEST_FIELDS, "manifest");
            int format = integer(root, "format");
            if (format != Manifest.FORMAT) {
                throw new BundleFormatException("unsupported manifest format " + format);
            }
            JsonNode entriesNode = root.get("entries");
            if (!entriesNode.isArray()) {
                throw new BundleFormatException("manifest field 'entries' is not an array");
            }
            if (entriesNode.size() > maxEntries) {
                throw new BundleFormatException("manifest lists " + entriesNode.size()
                        + " entries, more than the limit of " + maxEntries);
            }
            List<ManifestEntry> entries = new ArrayList<>(entriesNode.size());
            for (JsonNode node : entriesNode) {
                entries.add(entry(node));
            }
            return new Manifest(format, text(root, "applianceId"), text(root, "fleet"),
                    SnapshotId.parse(text(root, "snapshotId")), longValue(root, "sequence"),
                    trigger(text(root, "trigger")), instant(root, "capturedAt"),
                    zone(text(root, "timeZone")), text(root, "agentVersion"),
                    optionalText(root, "label"), bool(root, "restorable"),
                    optionalText(root, "notRestorableReason"), entries,
                    root.has("requestId") ? SnapshotId.parse(text(root, "requestId")) : null);
        } catch (IllegalArgumentException e) {
            // Our own constructors and parsers: their messages quote input only printably.
            throw new BundleFormatException("manifest is invalid: " + e.getMessage());
        }
    }

    private static ManifestEntry entry(JsonNode node) throws BundleFormatException {
        requireFields(node, ENTRY_FIELDS, Set.of(), "manifest entry");
        String mode = text(node, "mode");
        if (!mode.matches("0[0-7]{3,4}")) {
            throw new BundleFormatException("manifest entry mode is not an octal string");
        }
        return new ManifestEntry(text(node, "name"), SourceKind.fromWire(text(node, "kind")),
                longValue(node, "size"), text(node, "sha256"), Integer.parseInt(mode, 8),
                node.get("modifiedAt").isNull() ? null : instant(node, "modifiedAt"),
                bool(node, "sensitive"));
    }

    // The JDK's parse errors quote the whole input, control characters and all: never pass
    // them on, the message ends up in logs and quarantine headers.

    private static Instant instant(JsonNode node, String field) throws BundleFormatException {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeException e) {
            throw new BundleFormatException("manifest field '" + field
                    + "' is not an ISO-8601 UTC instant");
        }
    }

    private static ZoneId zone(String id) throws BundleFormatException {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new BundleFormatException("manifest field 'timeZone' is not a time zone id"
                    + " known to this JDK: " + Identifiers.printable(id));
        }
    }

    private static Trigger trigger(String name) throws BundleFormatException {
        for (Trigger trigger : Trigger.values()) {
            if (trigger.name().equals(name)) {
                return trigger;
            }
        }
        throw new BundleFormatException("manifest names an unknown trigger "
                + Identifiers.printable(name));
    }

    private static void requireFields(JsonNode node, Set<String> fields, Set<String> optional,
                                      String what) throws BundleFormatException {
        if (!(node instanceof ObjectNode)) {
            throw new BundleFormatException(what + " is not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name) && !optional.contains(name)) {
                throw new BundleFormatException(what + " has an unknown field");
            }
        }
        for (String field : fields) {
            if (!node.has(field)) {
                throw new BundleFormatException(what + " lacks the field '" + field + "'");
            }
        }
    }

    private static String text(JsonNode node, String field) throws BundleFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new BundleFormatException("manifest field '" + field + "' is not a string");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String field) throws BundleFormatException {
        return node.get(field).isNull() ? null : text(node, field);
    }

    private static int integer(JsonNode node, String field) throws BundleFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new BundleFormatException("manifest field '" + field + "' is not an integer");
        }
        return value.intValue();
    }

    private static long longValue(JsonNode node, String field) throws BundleFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BundleFormatException("manifest field '" + field + "' is not an integer");
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode node, String field) throws BundleFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new BundleFormatException("manifest field '" + field + "' is not a boolean");
        }
        return value.booleanValue();
    }
}

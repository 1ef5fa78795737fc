package io.configvault.shared.event;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.SnapshotId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link Segment} to a record and back (event format 1).
 *
 * <table>
 *   <caption>Headers</caption>
 *   <tr><td>{@code cv-format}</td><td>{@code 1}</td></tr>
 *   <tr><td>{@code cv-type}</td><td>{@code snapshot-segment} or {@code heartbeat}
 *       ({@link EventKind})</td></tr>
 *   <tr><td>{@code cv-appliance}</td><td>appliance id, equal to the record key</td></tr>
 *   <tr><td>{@code cv-snapshot}</td><td>snapshot id (UUIDv7); a heartbeat's own id</td></tr>
 *   <tr><td>{@code cv-segment}</td><td>0-based index, decimal</td></tr>
 *   <tr><td>{@code cv-segments}</td><td>segment count, decimal</td></tr>
 *   <tr><td>{@code cv-sealed-bytes}</td><td>length of the whole sealed message, decimal</td></tr>
 *   <tr><td>{@code cv-sealed-sha256}</td><td>its SHA-256, lower-case hex</td></tr>
 * </table>
 *
 * Decoding is strict: each header exactly once, canonical decimal numbers, key equal to the
 * appliance header, payload not larger than {@link #MAX_SEGMENT_BYTES}, a heartbeat in exactly
 * one segment. Thread-safe.
 */
public final class SegmentCodec {

    public static final String FORMAT = "1";
    public static final String TYPE_SEGMENT = "snapshot-segment";
    public static final String TYPE_HEARTBEAT = "heartbeat";
    /** The largest payload a segment may carry; the producer default is 512 KiB. */
    public static final int MAX_SEGMENT_BYTES = 1 << 20;
    /**
     * The largest sealed heartbeat: a few hundred bytes of JSON plus the OpenPGP envelope need
     * about 1 KiB; the agent refuses to publish a larger one and the vault quarantines it.
     */
    public static final int MAX_HEARTBEAT_BYTES = 64 * 1024;

    static final String H_FORMAT = "cv-format";
    static final String H_TYPE = "cv-type";
    static final String H_APPLIANCE = "cv-appliance";
    static final String H_SNAPSHOT = "cv-snapshot";
    static final String H_INDEX = "cv-segment";
    static final String H_COUNT = "cv-segments";
    static final String H_BYTES = "cv-sealed-bytes";
    static final String H_SHA256 = "cv-sealed-sha256";
    private static final int MAX_HEADER_VALUE = 128;

    private SegmentCodec() {
    }

    public static EncodedRecord encode(Segment segment) {
        List<Header> headers = List.of(
                Header.of(H_FORMAT, FORMAT),
                Header.of(H_TYPE, segment.kind().wireName()),
                Header.of(H_APPLIANCE, segment.applianceId()),
                Header.of(H_SNAPSHOT, segment.snapshotId().toString()),
                Header.of(H_INDEX, Integer.toString(segment.index())),
                Header.of(H_COUNT, Integer.toString(segment.count())),
                Header.of(H_BYTES, Long.toString(segment.sealedBytes())),
                Header.of(H_SHA256, segment.sealedSha256()));
        return new EncodedRecord(segment.applianceId().getBytes(StandardCharsets.UTF_8), headers,
                segment.payload());
    }

    /**
     * @throws EventFormatException "Malformed snapshot event: reason"
     */
    public static Segment decode(EncodedRecord record) throws EventFormatException {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (!header.name().startsWith("cv-")) {
                continue;
            }
            if (header.value() == null || header.value().length > MAX_HEADER_VALUE) {
                throw malformed("header " + Identifiers.printable(header.name())
                        + " is missing or too long");
            }
            if (headers.put(header.name(), header.text()) != null) {
                throw malformed("header " + Identifiers.printable(header.name())
                        + " appears twice");
            }
        }
        String format = required(headers, H_FORMAT);
        if (!FORMAT.equals(format)) {
            throw malformed("unsupported event format " + Identifiers.printable(format));
        }
        String type = required(headers, H_TYPE);
        EventKind kind = EventKind.fromWire(type);
        if (kind == null) {
            throw malformed("unknown event type " + Identifiers.printable(type));
        }
        String appliance = required(headers, H_APPLIANCE);
        if (!Identifiers.isName(appliance)) {
            throw malformed("invalid appliance id " + Identifiers.printable(appliance));
        }
        if (record.key() == null
                || !appliance.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            throw malformed("record key does not equal the appliance header");
        }
        if (record.value() == null || record.value().length == 0) {
            throw malformed("segment has no payload");
        }
        if (record.value().length > MAX_SEGMENT_BYTES) {
            throw malformed("segment payload larger than " + MAX_SEGMENT_BYTES + " bytes");
        }
        try {
            return new Segment(appliance, SnapshotId.parse(required(headers, H_SNAPSHOT)),
                    (int) number(headers, H_INDEX), (int) number(headers, H_COUNT),
                    number(headers, H_BYTES), required(headers, H_SHA256), record.value(), kind);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static String required(Map<String, String> headers, String name)
            throws EventFormatException {
        String value = headers.get(name);
        if (value == null) {
            throw malformed("header " + name + " is missing");
        }
        return value;
    }

    private static long number(Map<String, String> headers, String name)
            throws EventFormatException {
        String value = required(headers, name);
        if (!value.matches("0|[1-9][0-9]{0,17}")) {
            throw malformed("header " + name + " is not a decimal number");
        }
        long parsed = Long.parseLong(value);
        if (!name.equals(H_BYTES) && parsed > Integer.MAX_VALUE) {
            throw malformed("header " + name + " is out of range");
        }
        return parsed;
    }

    private static EventFormatException malformed(String reason) {
        return new EventFormatException("Malformed snapshot event: " + reason);
    }
}

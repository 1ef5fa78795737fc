package io.configvault.shared.event;

/**
 * What a record on the snapshot topic carries, as its {@code cv-type} header names it.
 * Format 1 knows two kinds; an unknown {@code cv-type} is malformed.
 */
public enum EventKind {

    /** One of the ordered segments of a sealed snapshot bundle. */
    SNAPSHOT(SegmentCodec.TYPE_SEGMENT),

    /**
     * A sealed heartbeat: "my configuration is unchanged since snapshot X". Always exactly one
     * segment (see {@link SegmentCodec#MAX_HEARTBEAT_BYTES}).
     */
    HEARTBEAT(SegmentCodec.TYPE_HEARTBEAT);

    private final String wireName;

    EventKind(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code cv-type} header value. */
    public String wireName() {
        return wireName;
    }

    /** The kind whose {@code cv-type} is {@code value}, or null when format 1 has none. */
    static EventKind fromWire(String value) {
        for (EventKind kind : values()) {
            if (kind.wireName.equals(value)) {
                return kind;
            }
        }
        return null;
    }
}

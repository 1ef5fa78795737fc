package io.configvault.shared.event;

import java.util.List;

/**
 * A record as the bus carries it.
 *
 * @param key     the appliance id in UTF-8: every segment of an appliance lands on one partition,
 *                in order
 * @param headers segment metadata (see {@link SegmentCodec})
 * @param value   the segment's slice of the sealed message
 */
public record EncodedRecord(byte[] key, List<Header> headers, byte[] value) {
}

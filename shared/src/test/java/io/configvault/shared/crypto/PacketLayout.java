package io.configvault.shared.crypto;

/** Where packets start in a binary OpenPGP message or key. */
final class PacketLayout {

    private PacketLayout() {
    }

    /** Offset of the header of top-level packet {@code index} (0-based). */
    static int startOfPacket(byte[] message, int index) {
        return index == 0 ? 0 : endOfPacket(message, index - 1);
    }

    /** Offset just after top-level packet {@code index}, which must have a definite length. */
    static int endOfPacket(byte[] message, int index) {
        return locate(message, index, true);
    }

    /** Offset of the first body byte of top-level packet {@code index} (0-based). */
    static int bodyStartOfPacket(byte[] message, int index) {
        return locate(message, index, false);
    }

    private static int locate(byte[] message, int index, boolean end) {
        int offset = 0;
        for (int packet = 0; ; packet++) {
            int header = message[offset] & 0xff;
            if ((header & 0x80) == 0) {
                throw new IllegalArgumentException("not a packet header at " + offset);
            }
            int first = message[offset + 1] & 0xff;
            int headerLength;
            long bodyLength;
            if ((header & 0x40) == 0) { // old format, as BC writes key packets
                headerLength = switch (header & 0x03) {
                    case 0 -> 2;
                    case 1 -> 3;
                    case 2 -> 5;
                    default -> throw new IllegalArgumentException("indeterminate length");
                };
                bodyLength = 0;
                for (int i = 1; i < headerLength; i++) {
                    bodyLength = (bodyLength << 8) | (message[offset + i] & 0xff);
                }
            } else if (first < 192) {
                headerLength = 2;
                bodyLength = first;
            } else if (first <= 223) {
                headerLength = 3;
                bodyLength = ((first - 192L) << 8) + (message[offset + 2] & 0xff) + 192;
            } else if (first == 255) {
                headerLength = 6;
                bodyLength = ((message[offset + 2] & 0xffL) << 24)
                        | ((message[offset + 3] & 0xff) << 16)
                        | ((message[offset + 4] & 0xff) << 8) | (message[offset + 5] & 0xff);
            } else {
                headerLength = 2;
                bodyLength = -1; // partial: only the target packet may be streamed
            }
            if (packet == index) {
                return end ? offset + headerLength + (int) bodyLength : offset + headerLength;
            }
            if (bodyLength < 0) {
                throw new IllegalArgumentException("partial length before packet " + index);
            }
            offset += headerLength + (int) bodyLength;
        }
    }
}

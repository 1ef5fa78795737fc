package io.configvault.shared.crypto;

/** Where packets start in a binary message (new-format headers, as BC and gpg write them). */
final class PacketLayout {

    private PacketLayout() {
    }

    /** Offset of the first body byte of top-level packet {@code index} (0-based). */
    static int bodyStartOfPacket(byte[] message, int index) {
        int offset = 0;
        for (int packet = 0; ; packet++) {
            int header = message[offset] & 0xff;
            if ((header & 0xc0) != 0xc0) {
                throw new IllegalArgumentException("not a new-format header at " + offset);
            }
            int first = message[offset + 1] & 0xff;
            int headerLength;
            long bodyLength;
            if (first < 192) {
                headerLength = 2;
                bodyLength = first;
            } else if (first <= 223) {
                headerLength = 3;
                bodyLength = ((first - 192L) << 8) + (message[offset + 2] & 0xff) + 192;
            } else if (first == 255) {
                headerLength = 6;
                bodyLength = ((message[offset + 2] & 0xffL) << 24) | ((message[offset + 3] & 0xff) << 16)
                        | ((message[offset + 4] & 0xff) << 8) | (message[offset + 5] & 0xff);
            } else {
                headerLength = 2;
                bodyLength = -1; // partial: only the target packet may be streamed
            }
            if (packet == index) {
                return offset + headerLength;
            }
            if (bodyLength < 0) {
                throw new IllegalArgumentException("partial length before packet " + index);
            }
            offset += headerLength + (int) bodyLength;
        }
    }
}

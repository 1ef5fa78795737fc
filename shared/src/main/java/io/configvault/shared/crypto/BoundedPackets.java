package io.configvault.shared.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.bcpg.BCPGInputStream;

/**
 * Reads small packets (session keys, one-pass signatures, signatures, markers) with a size
 * limit before Bouncy Castle parses them. BC reads some packet bodies whole into memory (an
 * ECDH session key packet, a signature by an experimental algorithm); anyone may send us a
 * message encrypted to a public key, so a packet claiming gigabytes must fail before it is
 * buffered. Partial (streamed) lengths are refused: RFC 4880 allows them for data packets only.
 */
final class BoundedPackets {

    /** A packet that claims a body larger than its limit; refused before the body is read. */
    static final class TooLarge extends IOException {
        TooLarge(long length, int limit) {
            super("a packet claims a body of " + length + " bytes, more than the limit of "
                    + limit + " bytes for its kind");
        }
    }

    private BoundedPackets() {
    }

    /** The next packet as a stream holding exactly its header and body. */
    static BCPGInputStream next(InputStream in, int maxBodyBytes) throws IOException {
        return parse(readRaw(in, maxBodyBytes));
    }

    static BCPGInputStream parse(byte[] raw) {
        return new BCPGInputStream(new ByteArrayInputStream(raw));
    }

    /** Where the body of a packet read by {@link #readRaw} starts. */
    static int bodyOffset(byte[] raw) {
        int header = raw[0] & 0xff;
        if ((header & 0x40) == 0) {
            return switch (header & 0x03) {
                case 0 -> 2;
                case 1 -> 3;
                default -> 5;
            };
        }
        int first = raw[1] & 0xff;
        return first < 192 ? 2 : first <= 223 ? 3 : 6;
    }

    static byte[] readRaw(InputStream in, int maxBodyBytes) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int header = readByte(in, raw);
        if ((header & 0x80) == 0) {
            throw new IOException("invalid packet header");
        }
        long length;
        if ((header & 0x40) != 0) {
            int first = readByte(in, raw);
            if (first < 192) {
                length = first;
            } else if (first <= 223) {
                length = ((first - 192L) << 8) + readByte(in, raw) + 192;
            } else if (first == 255) {
                length = readLength(in, raw, 4);
            } else {
                throw new IOException("partial body length on a packet that must have a definite"
                        + " length");
            }
        } else {
            length = switch (header & 0x03) {
                case 0 -> readLength(in, raw, 1);
                case 1 -> readLength(in, raw, 2);
                case 2 -> readLength(in, raw, 4);
                default -> throw new IOException("indeterminate length on a packet that must have"
                        + " a definite length");
            };
        }
        if (length > maxBodyBytes) {
            throw new TooLarge(length, maxBodyBytes);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("packet body truncated");
        }
        raw.writeBytes(body);
        return raw.toByteArray();
    }

    private static long readLength(InputStream in, ByteArrayOutputStream raw, int octets)
            throws IOException {
        long length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | readByte(in, raw);
        }
        return length;
    }

    private static int readByte(InputStream in, ByteArrayOutputStream raw) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("packet header truncated");
        }
        raw.write(b);
        return b;
    }
}

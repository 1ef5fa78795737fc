package io.configvault.vault.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes a chunked body — HTTP/1.1 {@code Transfer-Encoding: chunked} and S3's
 * {@code aws-chunked} share the framing ({@code <hex size>[;extensions]CRLF <data> CRLF}, a last
 * chunk of size 0, then trailers up to an empty line) — into its data, for {@link S3FaultProxy}.
 */
final class AwsChunked {

    private AwsChunked() {
    }

    static byte[] decode(byte[] body) throws IOException {
        return decode(new ByteArrayInputStream(body));
    }

    static byte[] decode(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = HttpWire.readLine(in);
            if (sizeLine == null) {
                throw new IOException("chunked body ends before its last chunk");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(
                    (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                // Trailers (checksums, their signature) up to the empty line: dropped.
                String trailer = HttpWire.readLine(in);
                while (trailer != null && !trailer.isEmpty()) {
                    trailer = HttpWire.readLine(in);
                }
                return data.toByteArray();
            }
            data.write(in.readNBytes(size));
            HttpWire.readLine(in);
        }
    }
}

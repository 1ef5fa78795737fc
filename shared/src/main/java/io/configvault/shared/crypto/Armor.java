package io.configvault.shared.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;

/** ASCII armor for keys. Messages are always binary. */
final class Armor {

    /** Something that writes its binary OpenPGP encoding. */
    interface Encodable {
        void encodeTo(OutputStream out) throws IOException;
    }

    private Armor() {
    }

    /**
     * Armors a key without a "Version" header (it would only advertise the library version);
     * each comment becomes a "Comment" header line.
     */
    static String armor(Encodable encodable, List<String> comments) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ArmoredOutputStream.Builder builder = ArmoredOutputStream.builder().clearHeaders();
        comments.forEach(builder::addComment);
        try (ArmoredOutputStream armored = builder.build(buffer)) {
            encodable.encodeTo(armored);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot armor in memory", e);
        }
        return buffer.toString(StandardCharsets.US_ASCII);
    }

    static InputStream dearmor(String armored) throws IOException {
        return new ArmoredInputStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.UTF_8)));
    }
}

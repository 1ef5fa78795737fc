package io.configvault.shared.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/** Encrypt and decrypt small messages in memory, for tests. */
final class Messages {

    /** What a decryption produced. */
    record Opened(OpenPgpDecryptor.Decrypted decrypted, byte[] plaintext) {
    }

    private Messages() {
    }

    static byte[] seal(byte[] plaintext, TestKeys.Key signer, TestKeys.Key... recipients)
            throws OpenPgpException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenPgpEncryptor.encrypt(new ByteArrayInputStream(plaintext), out,
                java.util.Arrays.stream(recipients).map(TestKeys.Key::publicKey).toList(),
                signer.secretKey(), "snapshot.tar");
        return out.toByteArray();
    }

    static Opened open(byte[] ciphertext, TestKeys.Key recipient, TestKeys.Key signer)
            throws OpenPgpException, IOException {
        return open(ciphertext, recipient, signer, OpenPgpDecryptor.Limits.DEFAULT);
    }

    static Opened open(byte[] ciphertext, TestKeys.Key recipient, TestKeys.Key signer,
                       OpenPgpDecryptor.Limits limits) throws OpenPgpException, IOException {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        OpenPgpDecryptor.Decrypted decrypted = OpenPgpDecryptor.decrypt(
                new ByteArrayInputStream(ciphertext), plaintext, List.of(recipient.secretKey()),
                signer.publicKey(), limits);
        return new Opened(decrypted, plaintext.toByteArray());
    }
}

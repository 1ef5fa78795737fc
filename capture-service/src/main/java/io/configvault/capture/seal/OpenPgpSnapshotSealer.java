package io.configvault.capture.seal;

import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Encrypts to the vault's ingest key and signs with the appliance key, as one OpenPGP message. */
@Singleton
public final class OpenPgpSnapshotSealer implements SnapshotSealer {

    /** The name {@code gpg --decrypt} would suggest for the plaintext. */
    static final String LITERAL_NAME = "bundle.tar";

    private final SealingKeys keys;

    public OpenPgpSnapshotSealer(SealingKeys keys) {
        this.keys = keys;
    }

    @Override
    public void seal(Path bundle, Path sealed) throws SealException, IOException {
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream out = Files.newOutputStream(sealed, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE)) {
            OpenPgpEncryptor.encrypt(in, out, List.of(keys.ingest()), keys.appliance(),
                    LITERAL_NAME);
        } catch (OpenPgpException e) {
            throw new SealException("the keys cannot seal it: " + e.getMessage(), e);
        }
    }
}

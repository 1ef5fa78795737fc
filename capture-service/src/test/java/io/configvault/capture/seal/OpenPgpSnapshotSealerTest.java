package io.configvault.capture.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.testing.TestKeys;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenPgpSnapshotSealerTest {

    @TempDir
    Path dir;

    @Test
    void sealsForTheIngestKeySignedByTheAppliance() throws Exception {
        TestKeys keys = TestKeys.get();
        byte[] bundle = new byte[200_000];
        new Random(7).nextBytes(bundle);
        System.arraycopy("PLAINTEXT-MARKER".getBytes(), 0, bundle, 1000, 16);
        Path plain = Files.write(dir.resolve("bundle.tar"), bundle);
        Path sealed = dir.resolve("sealed.pgp");

        new OpenPgpSnapshotSealer(new SealingKeys(keys.applianceSecret(), keys.ingestPublic()))
                .seal(plain, sealed);

        assertThat(new String(Files.readAllBytes(sealed), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("PLAINTEXT-MARKER");
        ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(sealed)) {
            OpenPgpDecryptor.Decrypted result = OpenPgpDecryptor.decrypt(in, decrypted,
                    List.of(keys.ingestSecret()), keys.appliancePublic(),
                    OpenPgpDecryptor.Limits.DEFAULT);
            assertThat(result.signerFingerprint()).isEqualTo(keys.appliance.fingerprint());
        }
        assertThat(decrypted.toByteArray()).isEqualTo(bundle);
    }
}

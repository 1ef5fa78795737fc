package io.configvault.capture.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.EnrolmentProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KeyProperties;
import io.configvault.capture.enrol.Enrolment;
import io.configvault.capture.enrol.EnrolmentException;
import io.configvault.capture.enrol.EnrolmentRecord;
import io.configvault.capture.testing.InMemoryEnrolmentClient;
import io.configvault.capture.testing.MutableClock;
import io.configvault.capture.testing.TestKeys;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First-start enrolment and the pin it leaves, against an in-memory vault endpoint. */
class IngestKeyPinTest {

    static final String TOKEN = "cve_token-for-tests";

    @TempDir
    Path dir;

    final TestKeys keys = TestKeys.get();
    final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    InMemoryEnrolmentClient vault;
    PgpPublicKey appliance;
    Path ingestFile;
    Path tokenFile;

    @BeforeEach
    void setUp() throws Exception {
        vault = new InMemoryEnrolmentClient(keys.ingest.armoredPublicKey(),
                keys.ingest.fingerprint()).issue(TOKEN, "lab");
        appliance = keys.appliancePublic();
        ingestFile = dir.resolve("keys/ingest.pub.asc");
        tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    }

    @Test
    void theFirstStartEnrolsAndPinsAndLaterStartsNeverAskAgain() throws Exception {
        PgpPublicKey pinned = pin("lab", enrolment(null), name -> null);

        assertThat(pinned.fingerprint()).isEqualTo(keys.ingest.fingerprint());
        assertThat(OpenPgpKeys.readPublicKey(Files.readString(ingestFile))).isEqualTo(pinned);
        assertThat(vault.requests()).singleElement().satisfies(request -> {
            assertThat(request.token()).isEqualTo(TOKEN);
            assertThat(request.applianceId()).isEqualTo("nas-17");
            assertThat(OpenPgpKeys.readPublicKey(request.publicKey())).isEqualTo(appliance);
            assertThat(request.toString()).doesNotContain(TOKEN);
        });
        assertThat(EnrolmentRecord.read(EnrolmentRecord.file(dir.resolve("data")))).contains(
                new EnrolmentRecord("http://vault.test:8480", "nas-17", "lab",
                        appliance.fingerprint(), keys.ingest.fingerprint(), clock.instant()));

        Files.delete(tokenFile);
        assertThat(pin("lab", enrolment(null), name -> null)).isEqualTo(pinned);
        assertThat(vault.requests()).as("no second enrolment").hasSize(1);
    }

    @Test
    void aRefusedTokenStopsStartupWithTheVaultsReasonAndPinsNothing() {
        vault = new InMemoryEnrolmentClient(keys.ingest.armoredPublicKey(),
                keys.ingest.fingerprint());

        assertThatThrownBy(() -> pin("lab", enrolment(null), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the vault refused enrolment: The enrolment"
                        + " token is not known to this vault. (capture.enrolment.token-file)")
                .message().doesNotContain(TOKEN);
        assertThat(ingestFile).doesNotExist();
        assertThat(EnrolmentRecord.file(dir.resolve("data"))).doesNotExist();
    }

    @Test
    void anUnreachableVaultIsNotAConfigurationError() {
        vault.failWith(new EnrolmentException(EnrolmentException.Kind.UNAVAILABLE,
                "ConnectException"));

        assertThatThrownBy(() -> pin("lab", enrolment(null), name -> null))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the vault at http://vault.test:8480 cannot be"
                        + " reached to enrol (ConnectException)");
        assertThat(ingestFile).doesNotExist();
    }

    @Test
    void withoutATokenTheErrorSaysWhereToPutOne() throws Exception {
        Files.delete(tokenFile);

        assertThatThrownBy(() -> pin("lab", enrolment(null), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the agent has no ingest key yet and the"
                        + " enrolment token file " + tokenFile + " does not exist"
                        + " (capture.enrolment.token-file)");
        Enrolment fromEnvironment = new Enrolment(new EnrolmentProperties(
                "http://vault.test:8480", null, null, Duration.ofSeconds(5)), vault);
        assertThat(pin("lab", fromEnvironment, Map.of("CAPTURE_ENROLMENT_TOKEN", TOKEN)::get)
                .fingerprint()).isEqualTo(keys.ingest.fingerprint());
    }

    @Test
    void anIngestKeyOtherThanTheExpectedFingerprintIsNotPinned() {
        String expected = "0123456789ABCDEF0123456789ABCDEF01234567";

        assertThatThrownBy(() -> pin("lab", enrolment(expected), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the vault at http://vault.test:8480 offered"
                        + " ingest key " + keys.ingest.fingerprint() + ", not the expected "
                        + expected + "; nothing was pinned"
                        + " (capture.enrolment.ingest-fingerprint)");
        assertThat(ingestFile).doesNotExist();
    }

    @Test
    void aCrashBetweenRecordAndKeyFileIsHealedByEnrollingAgain() throws Exception {
        pin("lab", enrolment(null), name -> null);
        Files.delete(ingestFile);

        assertThat(pin("lab", enrolment(null), name -> null).fingerprint())
                .isEqualTo(keys.ingest.fingerprint());
        assertThat(vault.requests()).hasSize(2);
    }

    @Test
    void aSwappedIngestKeyFileStopsStartup() throws Exception {
        pin("lab", enrolment(null), name -> null);
        Files.writeString(ingestFile, keys.appliance.armoredPublicKey());

        assertThatThrownBy(() -> pin("lab", enrolment(null), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the vault ingest public key in " + ingestFile
                        + " is " + keys.appliance.fingerprint() + ", not the key "
                        + keys.ingest.fingerprint() + " pinned at enrolment; to adopt a new vault"
                        + " key, see \"Changing the vault's ingest key\" in"
                        + " docs/capture-service.md (capture.keys.ingest-public-key-file)");
    }

    @Test
    void aReplacedApplianceKeyStopsStartupInsteadOfSigningSnapshotsTheVaultRefuses()
            throws Exception {
        pin("lab", enrolment(null), name -> null);
        appliance = keys.ingestPublic();

        assertThatThrownBy(() -> pin("lab", enrolment(null), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the appliance signing key is "
                        + keys.ingest.fingerprint() + ", not the key "
                        + keys.appliance.fingerprint() + " enrolled with the vault; restore that"
                        + " key, or re-enrol with a re-key token (see docs/capture-service.md)"
                        + " (capture.keys.signing-key-file)");
    }

    @Test
    void aFleetOtherThanTheEnrolledOneStopsStartupUntilItIsFixed() throws Exception {
        assertThatThrownBy(() -> pin("default", enrolment(null), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the vault enrolled appliance nas-17 in fleet"
                        + " lab, but the fleet is set to default; set it to lab (capture.fleet)");

        assertThat(pin("lab", enrolment(null), name -> null).fingerprint())
                .isEqualTo(keys.ingest.fingerprint());
        assertThat(vault.requests()).hasSize(1);
    }

    private Enrolment enrolment(String expectedFingerprint) {
        return new Enrolment(new EnrolmentProperties("http://vault.test:8480",
                tokenFile.toString(), expectedFingerprint, Duration.ofSeconds(5)), vault);
    }

    private PgpPublicKey pin(String fleet, Enrolment enrolment, UnaryOperator<String> env) {
        KeyProperties keyProperties = new KeyProperties(dir.resolve("keys/appliance.key.asc")
                .toString(), null, ingestFile.toString());
        CaptureProperties capture = new CaptureProperties("nas-17", fleet, null,
                dir.resolve("data").toString(), 1 << 20);
        return IngestKeyPin.loadOrEnrol(keyProperties, capture, appliance, enrolment, clock, env);
    }
}

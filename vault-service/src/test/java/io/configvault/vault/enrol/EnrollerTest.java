package io.configvault.vault.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.EnrolmentToken;
import io.configvault.vault.catalog.Redemption;
import io.configvault.vault.catalog.SqliteCatalog;
import io.configvault.vault.config.EnrolmentSettings;
import io.configvault.vault.testing.MutableClock;
import io.configvault.vault.testing.TestSnapshots.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token issuance and redemption against a real SQLite catalog and a clock the test moves. */
class EnrollerTest {

    static final PgpPublicKey KEY_A = Keys.generate("nas-1 a").publicKey();
    static final PgpPublicKey KEY_B = Keys.generate("nas-1 b").publicKey();

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    SqliteCatalog catalog;
    Enroller enroller;

    @BeforeEach
    void open() throws Exception {
        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
        enroller = new Enroller(catalog, new EnrolmentSettings(Duration.ofHours(24),
                Duration.ofDays(30)), clock);
    }

    @AfterEach
    void close() throws Exception {
        catalog.close();
    }

    @Test
    void aTokenIs256RandomBitsAndOnlyItsHashReachesTheCatalogFile() throws Exception {
        IssuedToken issued = enroller.issue("lab", null, null);
        IssuedToken other = enroller.issue("lab", null, null);

        assertThat(issued.token()).matches("cve_[A-Za-z0-9_-]{43}").isNotEqualTo(other.token());
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(catalog.enrolmentToken(EnrolmentTokens.hash(issued.token())))
                .hasValueSatisfying(t -> assertThat(t.fleet()).isEqualTo("lab"));
        String files = catalogFiles();
        assertThat(files).doesNotContain(issued.token())
                .doesNotContain(issued.token().substring(4))
                .contains(EnrolmentTokens.hash(issued.token()));
    }

    @Test
    void aTokenEnrolsOnceThenOnlyReplaysOfThatEnrolmentAreAnswered() throws Exception {
        IssuedToken issued = enroller.issue("lab", "nas-1", Duration.ofMinutes(10));

        assertThat(enroller.enrol(issued.token(), "nas-1", KEY_A))
                .isInstanceOf(Redemption.Enrolled.class);
        assertThat(catalog.appliance("nas-1")).map(Appliance::fingerprint)
                .contains(KEY_A.fingerprint());
        assertThat(enroller.enrol(issued.token(), "nas-1", KEY_A))
                .isInstanceOf(Redemption.Confirmed.class);
        assertThat(enroller.enrol(issued.token(), "nas-1", KEY_B))
                .isEqualTo(new Redemption.Refused(Redemption.Refusal.TOKEN_USED));
    }

    @Test
    void aTokenExpiresByTheVaultClock() throws Exception {
        IssuedToken issued = enroller.issue("lab", null, Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));

        assertThat(enroller.enrol(issued.token(), "nas-1", KEY_A))
                .isEqualTo(new Redemption.Refused(Redemption.Refusal.TOKEN_EXPIRED));
        assertThat(catalog.appliance("nas-1")).isEmpty();
    }

    @Test
    void aTokenForOneApplianceDoesNotEnrolAnother() throws Exception {
        IssuedToken issued = enroller.issue("lab", "nas-1", null);

        assertThat(enroller.enrol(issued.token(), "nas-2", KEY_A))
                .isEqualTo(new Redemption.Refused(Redemption.Refusal.OTHER_APPLIANCE));
    }

    @Test
    void somethingThatIsNoTokenOfOursIsUnknownWithoutALookup() throws Exception {
        assertThat(enroller.enrol("cve_short", "nas-1", KEY_A))
                .isEqualTo(new Redemption.Refused(Redemption.Refusal.UNKNOWN_TOKEN));
        assertThat(enroller.enrol("cve_" + "A".repeat(43), "nas-1", KEY_A))
                .isEqualTo(new Redemption.Refused(Redemption.Refusal.UNKNOWN_TOKEN));
    }

    @Test
    void aSecondKeyNeedsAReKeyTokenWhichOnlyAnEnrolledApplianceGets() throws Exception {
        enroller.enrol(enroller.issue("lab", null, null).token(), "nas-1", KEY_A);
        String second = enroller.issue("lab", null, null).token();

        assertThat(enroller.enrol(second, "nas-1", KEY_B))
                .isEqualTo(new Redemption.Refused(Redemption.Refusal.KEY_CONFLICT));
        assertThat(enroller.issueRekey("nas-9", null)).isEmpty();
        IssuedToken rekey = enroller.issueRekey("nas-1", Duration.ofMinutes(5)).orElseThrow();
        assertThat(rekey.purpose()).isEqualTo(EnrolmentToken.Purpose.REKEY);
        assertThat(rekey.fleet()).isEqualTo("lab");
        assertThat(rekey.applianceId()).isEqualTo("nas-1");

        assertThat(enroller.enrol(rekey.token(), "nas-1", KEY_B))
                .isInstanceOf(Redemption.Rekeyed.class);
        assertThat(catalog.appliance("nas-1")).map(Appliance::fingerprint)
                .contains(KEY_B.fingerprint());
        // The fleet token that met the conflict was not used up: with the new key it confirms.
        assertThat(enroller.enrol(second, "nas-1", KEY_B))
                .isInstanceOf(Redemption.Confirmed.class);
    }

    @Test
    void lifetimesAndNamesAreChecked() {
        assertThatThrownBy(() -> enroller.issue("lab", null, Duration.ofDays(31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be positive and at most PT720H");
        assertThatThrownBy(() -> enroller.issue("lab", null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be positive and at most PT720H");
        assertThatThrownBy(() -> enroller.issue("../lab", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid fleet '../lab'");
        assertThatThrownBy(() -> enroller.issue("lab", "NAS 1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid appliance id 'NAS 1'");
    }

    /** The catalog database with its WAL, as text. */
    private String catalogFiles() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }
}

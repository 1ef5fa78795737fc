package io.configvault.vault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {

    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;

    record Knobs(URI endpoint, String accessKey, String secretKey, String checksumMode,
                 String request, String response, long threshold, long partSize,
                 String objectLock, String prefix) {
        static Knobs defaults() {
            return new Knobs(URI.create("http://127.0.0.1:9000"), null, null, "when-required",
                    null, null, 64 * MIB, 16 * MIB, "off", "");
        }

        S3Settings build() {
            return new S3Settings(endpoint, "us-east-1", "vault", true, accessKey, secretKey,
                    checksumMode, request, response, threshold, partSize, objectLock, prefix);
        }
    }

    static void assertRefused(Knobs knobs, String message) {
        assertThatThrownBy(() -> knobs.build().validate(GIB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start vault: " + message);
    }

    @Test
    void theDefaultsAreValidAndSendOnlyRequiredChecksums() {
        S3Settings settings = Knobs.defaults().build();

        assertThatCode(() -> settings.validate(GIB)).doesNotThrowAnyException();
        assertThat(settings.requestChecksums()).isEqualTo("when-required");
        assertThat(settings.responseChecksums()).isEqualTo("when-required");
        assertThat(settings.objectLockRequired()).isFalse();
        assertThat(settings.multipartPossible(GIB)).isTrue();
        assertThat(settings.multipartPossible(32 * MIB)).isFalse();
    }

    @Test
    void eachChecksumSettingOverridesTheSharedMode() {
        Knobs shared = Knobs.defaults();
        S3Settings settings = new Knobs(shared.endpoint(), null, null, "when-supported",
                "when-required", null, 64 * MIB, 16 * MIB, "off", "").build();

        assertThat(settings.requestChecksums()).isEqualTo("when-required");
        assertThat(settings.responseChecksums()).isEqualTo("when-supported");
    }

    @Test
    void checksumModesAreOneOfTwoNamingTheSetting() {
        Knobs d = Knobs.defaults();
        assertRefused(new Knobs(d.endpoint(), null, null, "always", null, null, d.threshold(),
                d.partSize(), "off", ""), "vault.s3.checksum-mode must be when-required or"
                + " when-supported, not 'always'");
        assertRefused(new Knobs(d.endpoint(), null, null, "when-required", "WHEN_SUPPORTED", null,
                d.threshold(), d.partSize(), "off", ""), "vault.s3.request-checksum-calculation"
                + " must be when-required or when-supported, not 'WHEN_SUPPORTED'");
        assertRefused(new Knobs(d.endpoint(), null, null, "when-required", null, "never",
                d.threshold(), d.partSize(), "off", ""), "vault.s3.response-checksum-validation"
                + " must be when-required or when-supported, not 'never'");
    }

    @Test
    void objectLockIsOffOrRequired() {
        Knobs d = Knobs.defaults();
        assertRefused(new Knobs(d.endpoint(), null, null, "when-required", null, null,
                d.threshold(), d.partSize(), "on", ""),
                "vault.s3.object-lock must be off or required, not 'on'");
        assertThat(new Knobs(d.endpoint(), null, null, "when-required", null, null,
                d.threshold(), d.partSize(), "required", "").build().objectLockRequired()).isTrue();
    }

    @Test
    void staticCredentialsComeInPairsAndAreNeverShown() {
        Knobs d = Knobs.defaults();
        assertRefused(new Knobs(d.endpoint(), "AKIA-EXAMPLE", null, "when-required", null, null,
                d.threshold(), d.partSize(), "off", ""),
                "vault.s3.access-key-id is set but vault.s3.secret-access-key is not");
        assertRefused(new Knobs(d.endpoint(), null, "s3cr3t", "when-required", null, null,
                d.threshold(), d.partSize(), "off", ""),
                "vault.s3.secret-access-key is set but vault.s3.access-key-id is not");
        assertThat(new Knobs(d.endpoint(), "AKIA-EXAMPLE", "s3cr3t", "when-required", null, null,
                d.threshold(), d.partSize(), "off", "").build().toString())
                .doesNotContain("s3cr3t").doesNotContain("AKIA-EXAMPLE");
    }

    @Test
    void theEndpointIsAnHttpUrl() {
        Knobs d = Knobs.defaults();
        assertRefused(new Knobs(URI.create("ftp://store:21"), null, null, "when-required", null,
                null, d.threshold(), d.partSize(), "off", ""),
                "vault.s3.endpoint must be an http or https URL with a host, not 'ftp://store:21'");
    }

    @Test
    void partSizesStayWithinS3sLimits() {
        Knobs d = Knobs.defaults();
        assertRefused(new Knobs(d.endpoint(), null, null, "when-required", null, null, MIB,
                d.partSize(), "off", ""), "vault.s3.multipart-threshold must be between 5242880"
                + " (5 MiB) and 5368709120 (5 GiB) bytes, not 1048576");
        assertRefused(new Knobs(d.endpoint(), null, null, "when-required", null, null,
                d.threshold(), 6 * GIB, "off", ""), "vault.s3.multipart-part-size must be between"
                + " 5242880 (5 MiB) and 5368709120 (5 GiB) bytes, not 6442450944");
    }

    @Test
    void thePartSizeMustFitTheLargestSnapshotIntoTenThousandParts() {
        Knobs d = Knobs.defaults();
        S3Settings settings = new Knobs(d.endpoint(), null, null, "when-required", null, null,
                d.threshold(), 5 * MIB, "off", "").build();

        assertThatCode(() -> settings.validate(GIB)).doesNotThrowAnyException();
        assertThatThrownBy(() -> settings.validate(60 * GIB))
                .hasMessage("Cannot start vault: vault.s3.multipart-part-size 5242880 is too"
                        + " small for vault.max-snapshot-bytes 64424509440: S3 allows at most"
                        + " 10000 parts per object; use at least 6442556");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vault-a/", "site.1/vault_a/", "a/b/c/"})
    void aPrefixIsPathSegmentsEndingInASlash(String prefix) {
        Knobs d = Knobs.defaults();
        assertThatCode(() -> new Knobs(d.endpoint(), null, null, "when-required", null, null,
                d.threshold(), d.partSize(), "off", prefix).build().validate(GIB))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vault-a", "/vault-a/", "a//b/", "../b/", "a/../b/", "./", "a b/",
            "a/./", ".hidden/"})
    void otherPrefixesAreRefusedNamingTheSetting(String prefix) {
        Knobs d = Knobs.defaults();
        assertRefused(new Knobs(d.endpoint(), null, null, "when-required", null, null,
                d.threshold(), d.partSize(), "off", prefix), "vault.s3.prefix must be empty or"
                + " path segments of letters, digits, '.', '_' and '-', not starting with '.', each"
                + " ending in '/' (e.g. 'vault-a/'), not '" + prefix + "'");
    }
}

package io.configvault.capture.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Enrolment with the vault: how an agent without a pinned ingest key obtains one. Only paths
 * and addresses live here; the token is read by {@code capture.enrol.Enrolment} and never
 * logged.
 *
 * @param vaultUrl          {@code capture.enrolment.vault-url}: the vault's base URL, e.g.
 *                          {@code https://vault.example:8443}; when unset the agent does not
 *                          enrol and needs a provisioned ingest public key file
 * @param tokenFile         {@code capture.enrolment.token-file}: file holding the single-use
 *                          enrolment token; when unset, the environment variable
 *                          {@code CAPTURE_ENROLMENT_TOKEN} must hold it
 * @param ingestFingerprint {@code capture.enrolment.ingest-fingerprint}: optional, the vault
 *                          ingest key's fingerprint (40 hex digits) as the vault operator
 *                          published it; when set, an enrolment answer with another key is
 *                          refused (protects a first contact over an untrusted network)
 * @param timeout           {@code capture.enrolment.timeout}, default 30s: connect and answer
 *                          timeout of the enrolment request
 */
@ConfigurationProperties("capture.enrolment")
public record EnrolmentProperties(@Nullable String vaultUrl,
                                  @Nullable String tokenFile,
                                  @Nullable String ingestFingerprint,
                                  @Bindable(defaultValue = "30s") Duration timeout) {

    public static final String VAULT_URL = "capture.enrolment.vault-url";
    public static final String TOKEN_FILE = "capture.enrolment.token-file";
    public static final String INGEST_FINGERPRINT = "capture.enrolment.ingest-fingerprint";
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-F]{40}");

    public EnrolmentProperties {
        vaultUrl = vaultUrl == null || vaultUrl.isBlank() ? null : vaultUrl.strip();
        if (vaultUrl != null) {
            uri(vaultUrl);
        }
        tokenFile = tokenFile == null || tokenFile.isBlank() ? null : tokenFile.strip();
        if (tokenFile != null) {
            Settings.path(tokenFile, "the enrolment token file", TOKEN_FILE);
        }
        if (ingestFingerprint != null && !ingestFingerprint.isBlank()) {
            ingestFingerprint = ingestFingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
            if (!FINGERPRINT.matcher(ingestFingerprint).matches()) {
                throw new InvalidConfigurationException("the ingest key fingerprint must be 40"
                        + " hex digits", INGEST_FINGERPRINT);
            }
        } else {
            ingestFingerprint = null;
        }
        Settings.positive(timeout, "the enrolment timeout", "capture.enrolment.timeout");
    }

    /** The vault's base URL, when enrolment is configured. */
    public Optional<URI> vaultUri() {
        return Optional.ofNullable(vaultUrl).map(EnrolmentProperties::uri);
    }

    public Optional<Path> tokenPath() {
        return Optional.ofNullable(tokenFile)
                .map(file -> Settings.path(file, "the enrolment token file", TOKEN_FILE));
    }

    public Optional<String> expectedIngestFingerprint() {
        return Optional.ofNullable(ingestFingerprint);
    }

    private static URI uri(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(value, "not an http(s) base URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException("the vault URL must be an http or https URL"
                    + " such as https://vault.example:8443", VAULT_URL, e);
        }
    }
}

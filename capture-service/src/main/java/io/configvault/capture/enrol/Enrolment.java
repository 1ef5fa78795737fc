package io.configvault.capture.enrol;

import io.configvault.capture.config.EnrolmentProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Enrols this appliance once: reads the token ({@code capture.enrolment.token-file}, else the
 * environment variable {@value #TOKEN_ENV}), asks the vault, and turns a failure into the
 * startup error an operator can act on. A refusal or a wrong URL is a configuration error (exit
 * code 2); an unreachable vault is not (exit code 1, a service manager may restart the agent).
 */
@Singleton
public final class Enrolment {

    public static final String TOKEN_ENV = "CAPTURE_ENROLMENT_TOKEN";
    private static final long MAX_TOKEN_BYTES = 4096;

    private final EnrolmentProperties properties;
    private final EnrolmentClient client;

    public Enrolment(EnrolmentProperties properties, EnrolmentClient client) {
        this.properties = properties;
        this.client = client;
    }

    /** The vault's URL, when enrolment is configured. */
    public Optional<String> vaultUrl() {
        return Optional.ofNullable(properties.vaultUrl());
    }

    /** The ingest key fingerprint the operator expects, if configured. */
    public Optional<String> expectedIngestFingerprint() {
        return properties.expectedIngestFingerprint();
    }

    /**
     * @param environment looks up environment variables (a parameter so tests can supply it)
     * @throws InvalidConfigurationException when there is no token, the vault refuses it or the
     *                                       URL is not a vault's
     * @throws IllegalStateException         when the vault cannot be reached
     */
    public EnrolmentClient.Enrolled enrol(String applianceId, String publicKey,
                                          UnaryOperator<String> environment) {
        String url = vaultUrl().orElseThrow(() -> new IllegalStateException(
                "Cannot enrol: " + EnrolmentProperties.VAULT_URL + " is not set"));
        String token = token(environment);
        try {
            return client.enrol(new EnrolmentClient.Request(token, applianceId, publicKey));
        } catch (EnrolmentException e) {
            throw switch (e.kind()) {
                case REFUSED -> new InvalidConfigurationException("the vault refused enrolment: "
                        + e.getMessage(), EnrolmentProperties.TOKEN_FILE);
                case NOT_A_VAULT -> new InvalidConfigurationException("the server at " + url
                        + " gave no enrolment answer: " + e.getMessage(),
                        EnrolmentProperties.VAULT_URL);
                case UNAVAILABLE -> new IllegalStateException("Cannot start capture: the vault at "
                        + url + " cannot be reached to enrol (" + e.getMessage() + ")", e);
            };
        }
    }

    private String token(UnaryOperator<String> environment) {
        Optional<Path> file = properties.tokenPath();
        String token;
        if (file.isPresent()) {
            try {
                if (Files.size(file.get()) > MAX_TOKEN_BYTES) {
                    throw new InvalidConfigurationException("the enrolment token file "
                            + file.get() + " is larger than " + MAX_TOKEN_BYTES + " bytes",
                            EnrolmentProperties.TOKEN_FILE);
                }
                token = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new InvalidConfigurationException("the agent has no ingest key yet and the"
                        + " enrolment token file " + file.get() + " does not exist",
                        EnrolmentProperties.TOKEN_FILE);
            } catch (IOException e) {
                throw new InvalidConfigurationException("cannot read the enrolment token file "
                        + file.get() + " (" + e.getClass().getSimpleName() + ")",
                        EnrolmentProperties.TOKEN_FILE, e);
            }
        } else {
            String value = environment.apply(TOKEN_ENV);
            token = value == null ? "" : value.strip();
        }
        if (token.isEmpty()) {
            throw new InvalidConfigurationException("the agent has no ingest key yet and no"
                    + " enrolment token; set a token file or the environment variable "
                    + TOKEN_ENV, EnrolmentProperties.TOKEN_FILE);
        }
        return token;
    }
}

package io.configvault.capture.enrol;

import io.configvault.shared.io.DurableFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What the agent remembers of its enrolment, in {@code <data-dir>/enrolment.properties}: which
 * vault, as which appliance and fleet, with which appliance key, and the fingerprint of the
 * ingest key it pinned. Checked at every start, so that a swapped key file, a changed id or
 * fleet stops the agent instead of producing snapshots the vault would quarantine.
 *
 * @param vaultUrl             the vault it enrolled with
 * @param applianceFingerprint the appliance key the vault bound to the id
 * @param ingestFingerprint    the vault ingest key it pinned
 */
public record EnrolmentRecord(String vaultUrl, String applianceId, String fleet,
                              String applianceFingerprint, String ingestFingerprint,
                              Instant enrolledAt) {

    public static final String FILE_NAME = "enrolment.properties";

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** @return empty when the agent never enrolled (e.g. its ingest key was provisioned) */
    public static Optional<EnrolmentRecord> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EnrolmentRecord(required(properties, "vault-url"),
                    required(properties, "appliance-id"), required(properties, "fleet"),
                    required(properties, "appliance-fingerprint"),
                    required(properties, "ingest-fingerprint"),
                    Instant.parse(required(properties, "enrolled-at"))));
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Writes the record durably (temporary file, fsync, rename, fsync of the directory). */
    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("vault-url", vaultUrl);
        properties.setProperty("appliance-id", applianceId);
        properties.setProperty("fleet", fleet);
        properties.setProperty("appliance-fingerprint", applianceFingerprint);
        properties.setProperty("ingest-fingerprint", ingestFingerprint);
        properties.setProperty("enrolled-at", enrolledAt.toString());
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "ConfigVault agent enrolment; see docs/capture-service.md");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
        DurableFiles.fsync(temporary);
        DurableFiles.atomicMove(temporary, file);
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("it has no " + name);
        }
        return value.strip();
    }
}

package io.configvault.capture.seal;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.EnrolmentProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KeyProperties;
import io.configvault.capture.enrol.Enrolment;
import io.configvault.capture.enrol.EnrolmentClient;
import io.configvault.capture.enrol.EnrolmentRecord;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's ingest key, pinned: read from {@code capture.keys.ingest-public-key-file} when it
 * exists (provisioned, or written by an earlier enrolment); otherwise obtained once by
 * enrolment and written there. The agent never fetches it again: adopting another ingest key is
 * an operator's act (see docs/capture-service.md).
 *
 * <p>Order on enrolment: check the answer (the key parses, its fingerprint is the announced one
 * and, when configured, the expected one) → write the {@link EnrolmentRecord} → write the key
 * file. A crash in between leaves no key file, so the next start enrols again, which the vault
 * answers idempotently for the same appliance key.
 */
final class IngestKeyPin {

    private static final Logger LOG = LoggerFactory.getLogger(IngestKeyPin.class);

    private IngestKeyPin() {
    }

    static PgpPublicKey loadOrEnrol(KeyProperties keys, CaptureProperties capture,
                                    PgpPublicKey appliance, Enrolment enrolment, Clock clock,
                                    UnaryOperator<String> environment) {
        Path keyFile = keys.ingestPublicKeyPath();
        Path recordFile = EnrolmentRecord.file(capture.dataPath());
        if (!Files.exists(keyFile)) {
            if (enrolment.vaultUrl().isEmpty()) {
                throw new InvalidConfigurationException("the vault ingest public key file "
                        + keyFile + " does not exist; provide it, or set "
                        + EnrolmentProperties.VAULT_URL + " to enrol with the vault",
                        KeyProperties.INGEST_PUBLIC_KEY_FILE);
            }
            enrol(keyFile, recordFile, capture, appliance, enrolment, clock, environment);
        }
        PgpPublicKey ingest = read(keyFile);
        check(record(recordFile), keyFile, ingest, capture, appliance);
        return ingest;
    }

    private static void enrol(Path keyFile, Path recordFile, CaptureProperties capture,
                              PgpPublicKey appliance, Enrolment enrolment, Clock clock,
                              UnaryOperator<String> environment) {
        String url = enrolment.vaultUrl().orElseThrow();
        EnrolmentClient.Enrolled answer = enrolment.enrol(capture.applianceId(),
                appliance.armored(), environment);
        PgpPublicKey ingest;
        try {
            ingest = OpenPgpKeys.readPublicKey(answer.ingestPublicKey());
        } catch (OpenPgpException e) {
            throw new InvalidConfigurationException("the vault's enrolment answer holds no"
                    + " usable ingest public key (" + e.getMessage() + ")",
                    EnrolmentProperties.VAULT_URL);
        }
        if (!ingest.fingerprint().equals(answer.fingerprint())
                || !capture.applianceId().equals(answer.applianceId())) {
            throw new InvalidConfigurationException("the vault's enrolment answer does not agree"
                    + " with itself or with this appliance (key " + ingest.fingerprint()
                    + " announced as " + answer.fingerprint() + ", appliance "
                    + answer.applianceId() + ")", EnrolmentProperties.VAULT_URL);
        }
        Optional<String> expected = enrolment.expectedIngestFingerprint();
        if (expected.isPresent() && !expected.get().equals(ingest.fingerprint())) {
            throw new InvalidConfigurationException("the vault at " + url + " offered ingest key "
                    + ingest.fingerprint() + ", not the expected " + expected.get()
                    + "; nothing was pinned", EnrolmentProperties.INGEST_FINGERPRINT);
        }
        try {
            new EnrolmentRecord(url, capture.applianceId(), answer.fleet(),
                    appliance.fingerprint(), ingest.fingerprint(), clock.instant())
                    .write(recordFile);
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Path temporary = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
            Files.writeString(temporary, ingest.armored(), StandardCharsets.US_ASCII);
            DurableFiles.fsync(temporary);
            DurableFiles.atomicMove(temporary, keyFile);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot pin the vault ingest key in "
                    + keyFile + " (" + e.getClass().getSimpleName() + ")",
                    KeyProperties.INGEST_PUBLIC_KEY_FILE, e);
        }
        LOG.info("Enrolled appliance {} in fleet {} with the vault at {}; pinned its ingest key {}"
                + " in {}", capture.applianceId(), answer.fleet(), url, ingest.fingerprint(),
                keyFile);
    }

    private static Optional<EnrolmentRecord> record(Path file) {
        try {
            return EnrolmentRecord.read(file);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read the enrolment record " + file
                    + " (" + e.getMessage() + ")", KeyProperties.INGEST_PUBLIC_KEY_FILE, e);
        }
    }

    /** A pinned enrolment must still describe this agent; else its snapshots would be refused. */
    private static void check(Optional<EnrolmentRecord> enrolled, Path keyFile,
                              PgpPublicKey ingest, CaptureProperties capture,
                              PgpPublicKey appliance) {
        if (enrolled.isEmpty()) {
            return;
        }
        EnrolmentRecord record = enrolled.get();
        if (!record.ingestFingerprint().equals(ingest.fingerprint())) {
            throw new InvalidConfigurationException("the vault ingest public key in " + keyFile
                    + " is " + ingest.fingerprint() + ", not the key " + record.ingestFingerprint()
                    + " pinned at enrolment; to adopt a new vault key, see \"Changing the vault's"
                    + " ingest key\" in docs/capture-service.md",
                    KeyProperties.INGEST_PUBLIC_KEY_FILE);
        }
        if (!record.applianceFingerprint().equals(appliance.fingerprint())) {
            throw new InvalidConfigurationException("the appliance signing key is "
                    + appliance.fingerprint() + ", not the key " + record.applianceFingerprint()
                    + " enrolled with the vault; restore that key, or re-enrol with a re-key"
                    + " token (see docs/capture-service.md)", KeyProperties.SIGNING_KEY_FILE);
        }
        if (!record.applianceId().equals(capture.applianceId())) {
            throw new InvalidConfigurationException("the appliance id is "
                    + capture.applianceId() + ", but this agent enrolled as "
                    + record.applianceId(), "capture.appliance-id");
        }
        if (!record.fleet().equals(capture.fleet())) {
            throw new InvalidConfigurationException("the vault enrolled appliance "
                    + record.applianceId() + " in fleet " + record.fleet() + ", but the fleet"
                    + " is set to " + capture.fleet() + "; set it to " + record.fleet(),
                    "capture.fleet");
        }
    }

    private static PgpPublicKey read(Path file) {
        String armored = ApplianceKeyFiles.read(file, "the vault ingest public key",
                KeyProperties.INGEST_PUBLIC_KEY_FILE);
        try {
            return OpenPgpKeys.readPublicKey(armored);
        } catch (OpenPgpException e) {
            throw new InvalidConfigurationException("the vault ingest public key in " + file
                    + " is unusable: " + e.getMessage(), KeyProperties.INGEST_PUBLIC_KEY_FILE);
        }
    }
}

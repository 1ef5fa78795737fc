package io.configvault.capture.seal;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KeyProperties;
import io.configvault.capture.enrol.Enrolment;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys a snapshot is sealed with, ready at startup: the appliance's signing key (generated
 * on first start, see {@link ApplianceKeyFiles}) and the vault's ingest key (pinned, obtained by
 * enrolment on first start when configured, see {@link IngestKeyPin}). Passphrases are wiped
 * from memory once the key is unlocked and never logged.
 */
@Factory
public final class SealingKeysFactory {

    public static final String PASSPHRASE_ENV = "CAPTURE_KEY_PASSPHRASE";
    private static final Logger LOG = LoggerFactory.getLogger(SealingKeysFactory.class);

    @Singleton
    SealingKeys sealingKeys(KeyProperties keys, CaptureProperties capture, Enrolment enrolment,
                            Clock clock) {
        SealingKeys sealing = load(keys, capture, enrolment, clock, System::getenv);
        LOG.info("Snapshots of appliance {} are signed by appliance key {} and encrypted to"
                + " ingest key {}", capture.applianceId(), sealing.appliance().fingerprint(),
                sealing.ingest().fingerprint());
        return sealing;
    }

    /**
     * @param environment looks up environment variables (a parameter so tests can supply it)
     * @throws InvalidConfigurationException naming the setting when a key cannot be loaded,
     *                                       created or enrolled
     */
    public static SealingKeys load(KeyProperties keys, CaptureProperties capture,
                                   Enrolment enrolment, Clock clock,
                                   UnaryOperator<String> environment) {
        PgpSecretKey appliance = ApplianceKeyFiles.loadOrGenerate(keys,
                "ConfigVault appliance " + capture.applianceId() + " (fleet " + capture.fleet()
                        + ")", environment);
        PgpPublicKey ingest = IngestKeyPin.loadOrEnrol(keys, capture, appliance.publicKey(),
                enrolment, clock, environment);
        return new SealingKeys(appliance, ingest);
    }
}

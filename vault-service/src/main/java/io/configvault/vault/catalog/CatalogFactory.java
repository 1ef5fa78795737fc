package io.configvault.vault.catalog;

import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.vault.config.EnrolledAppliance;
import io.configvault.vault.config.StorageSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

/**
 * Opens the SQLite catalog and enrols the appliances listed in the configuration
 * ({@code vault.appliances}).
 */
@Factory
final class CatalogFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SqliteCatalog catalog(StorageSettings settings, List<EnrolledAppliance> enrolled, Clock clock)
            throws CatalogException {
        SqliteCatalog catalog = SqliteCatalog.open(settings.catalogPath());
        for (EnrolledAppliance appliance : enrolled) {
            PgpPublicKey key;
            try {
                key = OpenPgpKeys.readPublicKey(Files.readString(appliance.publicKeyFile()));
            } catch (IOException | io.configvault.shared.crypto.OpenPgpException e) {
                throw new IllegalStateException("Cannot start vault: public key of appliance "
                        + appliance.id() + " at " + appliance.publicKeyFile()
                        + " cannot be read (" + e.getMessage() + ")", e);
            }
            catalog.enrol(new Appliance(appliance.id(), appliance.fleet(), key.armored(),
                    key.fingerprint(), clock.instant()));
        }
        return catalog;
    }
}

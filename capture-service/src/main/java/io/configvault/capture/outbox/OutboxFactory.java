package io.configvault.capture.outbox;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Opens the outbox in {@code capture.data-dir} at startup. */
@Factory
public final class OutboxFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Outbox outbox(CaptureProperties capture) {
        try {
            return SqliteOutbox.open(capture.dataPath());
        } catch (OutboxException e) {
            throw new InvalidConfigurationException("the outbox in " + capture.dataPath()
                    + " cannot be opened (" + e.getCause().getMessage() + ")", "capture.data-dir",
                    e);
        }
    }
}

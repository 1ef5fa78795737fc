package io.configvault.capture.outbox;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.OutboxProperties;
import io.configvault.capture.config.RestoreProperties;
import io.configvault.capture.status.AgentStatus;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Opens the outbox in {@code capture.data-dir} at startup, within its disk budget. Not in the
 * restore command's environment: opening it this way removes spool files without rows, which
 * beside a running agent may be that agent's capture in progress (the command attaches instead).
 */
@Factory
@Requires(notEnv = RestoreProperties.ENVIRONMENT)
public final class OutboxFactory {

    @Singleton
    @Bean(preDestroy = "close")
    BudgetedOutbox outbox(CaptureProperties capture, OutboxProperties budget, AgentStatus status,
                          Clock clock) {
        try {
            return new BudgetedOutbox(SqliteOutbox.open(capture.dataPath(), clock),
                    budget.maxBytes(), status);
        } catch (OutboxException e) {
            throw new InvalidConfigurationException("the outbox in " + capture.dataPath()
                    + " cannot be opened (" + e.getCause().getMessage() + ")", "capture.data-dir",
                    e);
        }
    }
}

package io.configvault.capture.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The daily (or otherwise scheduled) snapshot. The expression is checked by
 * {@code capture.schedule.ScheduleTrigger}, which knows the cron syntax.
 *
 * @param cron    {@code capture.schedule.cron}, default {@code 45 3 * * *} (03:45 every day): a
 *                five-field cron expression evaluated in {@code capture.time-zone}
 * @param jitter  {@code capture.schedule.jitter}, default 30m: each appliance runs at a stable
 *                offset inside this window after each fire time (0 to switch it off, at most 1
 *                day)
 * @param enabled {@code capture.schedule.enabled}, default true: false switches scheduled and
 *                catch-up snapshots off
 */
@ConfigurationProperties("capture.schedule")
public record ScheduleProperties(@Bindable(defaultValue = "45 3 * * *") @Nullable String cron,
                                 @Bindable(defaultValue = "30m") @Nullable Duration jitter,
                                 @Bindable(defaultValue = "true") boolean enabled) {

    public static final String CRON = "capture.schedule.cron";
    public static final String JITTER = "capture.schedule.jitter";

    public ScheduleProperties {
        cron = Settings.required(cron, "the schedule's cron expression", CRON);
        if (jitter == null || jitter.isNegative()) {
            throw new InvalidConfigurationException("the jitter window must be zero or a positive"
                    + " duration", JITTER);
        }
        if (jitter.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidConfigurationException("the jitter window must not be longer than"
                    + " 1 day", JITTER);
        }
    }
}

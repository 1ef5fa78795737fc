package io.configvault.capture.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When this appliance's scheduled captures run: the cron expression's fire times in the
 * appliance's zone (see {@link CronExpression} for the daylight-saving rule), each moved later
 * by the appliance's constant {@link Jitter} offset. A constant offset keeps the order and the
 * spacing of the fire times, so a fire time that runs once still runs once.
 *
 * @param offset in {@code [0, jitter window)}
 */
public record Schedule(CronExpression cron, ZoneId zone, Duration offset) {

    /** The first run time strictly after {@code after}. */
    public Instant nextRun(Instant after) {
        return cron.nextAfter(after.minus(offset), zone).plus(offset);
    }

    @Override
    public String toString() {
        return "'" + cron + "' in " + zone + ", offset " + offset;
    }
}

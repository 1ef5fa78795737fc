/**
 * Scheduled and catch-up snapshots. {@link io.configvault.capture.schedule.CronExpression} parses
 * five-field cron expressions and finds fire times in a time zone, one run per fire time across
 * daylight-saving changes; {@link io.configvault.capture.schedule.Jitter} gives each appliance
 * its stable offset in the jitter window; {@link io.configvault.capture.schedule.Schedule} joins
 * the two. {@link io.configvault.capture.schedule.Scheduler} decides when to run (including the
 * one catch-up after downtime and retries) and remembers it in
 * {@link io.configvault.capture.schedule.ScheduleStateFile};
 * {@link io.configvault.capture.schedule.ScheduleTrigger} runs it on its own thread.
 *
 * <p>Depends on {@code capture.config}, {@code capture.snapshot} (what to run),
 * {@code capture.status} (what to report) and the shared durable-file helpers; all time comes
 * from the injected {@link java.time.Clock}.
 */
package io.configvault.capture.schedule;

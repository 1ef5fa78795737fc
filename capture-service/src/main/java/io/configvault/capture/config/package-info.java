/**
 * The capture service's configuration: one immutable {@code @ConfigurationProperties} record per
 * concern ({@code capture}, {@code capture.sources}, {@code capture.keys}, {@code capture.kafka},
 * {@code capture.change}, {@code capture.schedule}, {@code capture.enrolment}), each validated
 * when it is bound, so that a bad setting stops the service at startup with "Cannot start
 * capture: what is wrong (setting name)". {@code capture.restore} is bound only by the restore
 * command.
 *
 * <p>Depends on Micronaut's configuration annotations and the shared identifiers and digests
 * only ({@link io.configvault.capture.config.MachineIds} hashes the machine id); the
 * packages that use a setting turn it into their own types.
 */
package io.configvault.capture.config;

/**
 * Enrolment with the vault, done once, at the first start of an agent that has no pinned ingest
 * key: the agent presents a single-use enrolment token, its appliance id and its public key, and
 * receives the vault's ingest public key (pinned by {@code capture.seal}; never fetched again).
 * {@link io.configvault.capture.enrol.EnrolmentClient} is the port,
 * {@link io.configvault.capture.enrol.HttpEnrolmentClient} the JDK HttpClient adapter,
 * {@link io.configvault.capture.enrol.Enrolment} reads the token and turns the vault's answer
 * into startup errors, {@link io.configvault.capture.enrol.EnrolmentRecord} is what the agent
 * remembers of it. No OpenPGP here: keys travel as armored text. The token is never logged.
 */
package io.configvault.capture.enrol;

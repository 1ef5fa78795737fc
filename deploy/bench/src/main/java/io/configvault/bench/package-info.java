/**
 * The benchmark suite behind {@code deploy/bench/run}: the real local stack (Kafka broker and
 * s3proxy as child JVMs), a real vault as a child JVM, a fleet simulator that publishes real
 * sealed and signed snapshots through the broker, and the same job done by a plain S3 PUT and by
 * restic on the same S3 server. Each figure is printed as a table, written as JSON under
 * {@code deploy/bench/target/bench/} and into {@code docs/benchmarks.md}.
 */
package io.configvault.bench;

package io.configvault.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;

/**
 * The timed part of figures 3 and 6: lets the agent settle and reads its idle RSS, then
 * triggers one snapshot through the agent's API and follows it — in the outbox (the API's
 * answer), published (the agent's status names it), listed (the vault's API) — while {@link
 * RssSampler}s watch both processes; finally reads the vault's own ingest latency.
 */
final class LargeRun {

    private static final Duration STATUS_POLL = Duration.ofMillis(50);
    private static final Duration METRIC_TIMEOUT = Duration.ofSeconds(10);
    private static final String LATENCY = "configvault_ingest_latency_seconds";

    /** What was measured, times in ns except the wall-clock marks (epoch ms, for GC logs). */
    record Timings(long captureNanos, long publishNanos, long endToEndNanos,
                   long vaultIngestNanos, long afterPublishedNanos, long startMillis,
                   long publishedMillis, long listedMillis, long agentIdleRss,
                   long agentPeakRss, long vaultPeakRss) {
    }

    private final BenchContext context;
    private final VaultProcess vault;
    private final AgentProcess agent;

    LargeRun(BenchContext context, VaultProcess vault, AgentProcess agent) {
        this.context = context;
        this.vault = vault;
        this.agent = agent;
    }

    Timings capture(Path source) throws Exception {
        Thread.sleep(LargeSnapshot.IDLE_SETTLE_MILLIS);
        long idleRss = ProcStatus.of(agent.pid()).rssBytes();
        LargeSnapshot.say("Agent idle RSS " + LargeSnapshotFigure.mib(idleRss)
                + "; triggering a snapshot of " + source.getFileName());
        try (RssSampler agentRss = RssSampler.start(agent.pid());
             RssSampler vaultRss = RssSampler.start(vault.pid())) {
            long startMillis = System.currentTimeMillis();
            long started = System.nanoTime();
            String snapshot = agent.snapshot("bench-large");
            long captured = System.nanoTime();
            LargeSnapshot.say("Sealed in the agent's outbox after "
                    + LargeSnapshot.seconds(captured - started) + " s");
            long published = awaitPublished(snapshot);
            long publishedMillis = System.currentTimeMillis();
            long agentPeak = agentRss.largestBytes();
            LargeSnapshot.say("Published after " + LargeSnapshot.seconds(published - captured)
                    + " s more; waiting for the vault to list it");
            long listed = new VaultListing(context.http(), vault).awaitListed(
                    Map.of(LargeSnapshot.AGENT, snapshot), context.settings().timeout())
                    .get(LargeSnapshot.AGENT);
            long listedMillis = System.currentTimeMillis();
            LargeSnapshot.say("Listed " + LargeSnapshot.seconds(listed - started)
                    + " s after the trigger");
            return new Timings(captured - started, published - captured, listed - started,
                    vaultIngestNanos(), listed - published, startMillis, publishedMillis,
                    listedMillis, idleRss, Math.max(agentPeak, agentRss.largestBytes()),
                    vaultRss.largestBytes());
        }
    }

    private long awaitPublished(String snapshot) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + context.settings().timeout().toNanos();
        while (!snapshot.equals(agent.status().path("lastPublishedSnapshotId").asText())) {
            if (!agent.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The agent did not publish snapshot " + snapshot
                        + (agent.isAlive() ? " within " + context.settings().timeout()
                        .toSeconds() + " s" : ": it exited") + "; see " + agent.log());
            }
            LockSupport.parkNanos(STATUS_POLL.toNanos());
        }
        return System.nanoTime();
    }

    /**
     * The vault's {@code configvault_ingest_latency_seconds{since="first-segment"}}, once its
     * count shows the snapshot: the vault records it just after the catalog row the listing saw.
     */
    private long vaultIngestNanos() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + METRIC_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> response = context.http().send(HttpRequest.newBuilder(
                            URI.create(vault.url() + "/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            String text = response.statusCode() == 200 ? response.body() : "";
            OptionalDouble count = PrometheusText.sum(text, LATENCY + "_count", "since",
                    "first-segment");
            OptionalDouble seconds = PrometheusText.sum(text, LATENCY + "_sum", "since",
                    "first-segment");
            if (count.orElse(0) >= 1 && seconds.isPresent()) {
                return Math.round(seconds.getAsDouble() * 1e9);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The vault's /prometheus (HTTP "
                        + response.statusCode() + ") shows no stored snapshot in " + LATENCY
                        + "{since=\"first-segment\"} " + METRIC_TIMEOUT.toSeconds()
                        + " s after it was listed; see " + vault.log());
            }
            LockSupport.parkNanos(STATUS_POLL.toNanos());
        }
    }
}

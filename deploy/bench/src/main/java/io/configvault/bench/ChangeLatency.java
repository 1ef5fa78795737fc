package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 1's measurement: commits one change at a time to the agent's database and polls the
 * vault's snapshot list of the appliance until a new snapshot is listed; the sample is the
 * time from the commit to the answer that listed it, minus the agent's quiet period.
 */
final class ChangeLatency {

    /** How often the vault's list is asked. */
    static final Duration POLL = Duration.ofMillis(20);

    private final VaultApi api;
    private final AgentProcess agent;
    private final String applianceId;
    private final Duration timeout;
    private int changed;

    ChangeLatency(VaultApi api, AgentProcess agent, String applianceId, Duration timeout) {
        this.api = api;
        this.agent = agent;
        this.applianceId = applianceId;
        this.timeout = timeout;
    }

    /**
     * Makes {@code changes} changes, each only after the previous one was listed.
     *
     * @return milliseconds from each commit to its snapshot being listed, quiet period not
     *     subtracted
     */
    long[] measure(ApplianceDatabase database, int changes) throws Exception {
        String previous = newestId();
        long[] samples = new long[changes];
        for (int i = 0; i < changes; i++) {
            // A value never written before: unchanged content would be a heartbeat, not listed.
            changed++;
            long committed = database.set("setting." + (changed % 50), "change " + changed);
            long listed = awaitNewSnapshot(previous);
            samples[i] = (listed - committed) / 1_000_000;
            previous = newestId();
        }
        return samples;
    }

    private long awaitNewSnapshot(String previous) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String newest = newestId();
            long answered = System.nanoTime();
            if (newest != null && !newest.equals(previous)) {
                return answered;
            }
            if (!agent.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The vault did not list a new snapshot of "
                        + applianceId + " within " + timeout.toSeconds() + " s of a committed"
                        + " change" + (agent.isAlive() ? "" : " (the agent exited)") + "; see "
                        + agent.log() + " and the vault's log");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private String newestId() throws Exception {
        JsonNode newest = api.newestSnapshot(applianceId);
        return newest == null ? null : newest.path("id").asText();
    }
}

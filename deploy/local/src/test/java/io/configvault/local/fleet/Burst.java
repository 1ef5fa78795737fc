package io.configvault.local.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Snapshots taken continuously on a background thread, round robin over a set of agents, while
 * the test does something else to the fleet; records every id each agent answered.
 */
final class Burst implements AutoCloseable {

    private final List<FleetFixture.Agent> agents;
    private final long intervalNanos;
    private final Map<String, List<String>> taken = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private Burst(List<FleetFixture.Agent> agents, long intervalMillis) {
        this.agents = List.copyOf(agents);
        this.intervalNanos = intervalMillis * 1_000_000;
        agents.forEach(agent -> taken.put(agent.appliance(), new ArrayList<>()));
        this.thread = Thread.ofPlatform().name("burst").start(this::run);
    }

    /** Starts taking a snapshot every {@code intervalMillis}, round robin over {@code agents}. */
    static Burst start(List<FleetFixture.Agent> agents, long intervalMillis) {
        return new Burst(agents, intervalMillis);
    }

    private void run() {
        int next = 0;
        while (running) {
            FleetFixture.Agent agent = agents.get(next++ % agents.size());
            try {
                String id = agent.snapshot("burst " + next);
                synchronized (taken) {
                    taken.get(agent.appliance()).add(id);
                }
            } catch (Exception | AssertionError e) {
                failures.add(e);
                return;
            }
            // A paced burst, not a tight loop; the test waits with Awaitility meanwhile.
            LockSupport.parkNanos(intervalNanos);
        }
    }

    /** How many snapshots have been taken so far. */
    int count() {
        synchronized (taken) {
            return taken.values().stream().mapToInt(List::size).sum();
        }
    }

    /** Stops the burst and returns what each agent took, by appliance. */
    Map<String, List<String>> stop() throws InterruptedException {
        running = false;
        thread.join();
        if (!failures.isEmpty()) {
            throw new AssertionError("the burst failed", failures.peek());
        }
        synchronized (taken) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            taken.forEach((appliance, ids) -> copy.put(appliance, List.copyOf(ids)));
            return copy;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}

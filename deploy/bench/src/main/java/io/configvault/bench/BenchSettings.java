package io.configvault.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run measures, from the environment of {@code deploy/bench/run}.
 *
 * @param root             the project checkout
 * @param appliances       simulated appliances, one snapshot each ({@code BENCH_APPLIANCES})
 * @param snapshotBytes    size of each appliance's configuration file ({@code
 *                         BENCH_SNAPSHOT_BYTES})
 * @param putThreads       concurrent requests of the raw S3 PUT ({@code BENCH_PUT_THREADS})
 * @param resticSnapshots  how many of the files restic backs up ({@code BENCH_RESTIC_SNAPSHOTS};
 *                         0: restic is left out; default 250 or the fleet if smaller: restic
 *                         takes ~0.7 s a backup here, the whole fleet would take the suite's
 *                         time budget alone)
 * @param timeout          longest wait for the vault to list everything ({@code
 *                         BENCH_TIMEOUT_SECONDS})
 * @param writeDocs        whether {@code docs/benchmarks.md} is rewritten ({@code
 *                         BENCH_WRITE_DOCS}, {@code 1} or {@code 0}; never when {@code
 *                         BENCH_ONLY} picks parts: the docs hold a whole run)
 * @param only             the parts to run by {@link Bench#id()} ({@code BENCH_ONLY}, comma
 *                         separated); empty: all
 * @param overrides        the {@code BENCH_*} variables that were set, for the command line in
 *                         the docs
 */
record BenchSettings(Path root, int appliances, long snapshotBytes, int putThreads,
                     int resticSnapshots, Duration timeout, boolean writeDocs,
                     Set<String> only, List<String> overrides) {

    static final int DEFAULT_APPLIANCES = 1000;
    static final long DEFAULT_SNAPSHOT_BYTES = 1024 * 1024;
    static final int DEFAULT_RESTIC_SNAPSHOTS = 250;

    static BenchSettings fromEnvironment(Path root, Map<String, String> env) {
        List<String> overrides = new ArrayList<>();
        int appliances = (int) number(env, "BENCH_APPLIANCES", DEFAULT_APPLIANCES, 1, 100_000,
                overrides);
        long bytes = number(env, "BENCH_SNAPSHOT_BYTES", DEFAULT_SNAPSHOT_BYTES, 1,
                512L * 1024 * 1024, overrides);
        int threads = (int) number(env, "BENCH_PUT_THREADS", 4, 1, 64, overrides);
        int restic = (int) number(env, "BENCH_RESTIC_SNAPSHOTS",
                Math.min(appliances, DEFAULT_RESTIC_SNAPSHOTS), 0, appliances,
                overrides);
        long timeout = number(env, "BENCH_TIMEOUT_SECONDS", 600, 1, 86_400, overrides);
        boolean docs = number(env, "BENCH_WRITE_DOCS", 1, 0, 1, overrides) == 1;
        Set<String> only = new LinkedHashSet<>();
        String picked = env.getOrDefault("BENCH_ONLY", "").strip();
        if (!picked.isEmpty()) {
            for (String id : picked.split(",")) {
                if (!id.strip().matches("[a-z0-9-]+")) {
                    throw new IllegalArgumentException("Cannot run the benchmarks: BENCH_ONLY is"
                            + " a comma-separated list of parts (e.g. fleet-burst), not '"
                            + picked + "'");
                }
                only.add(id.strip());
            }
            overrides.add("BENCH_ONLY=" + String.join(",", only));
            docs = false;
        }
        return new BenchSettings(root, appliances, bytes, threads, restic,
                Duration.ofSeconds(timeout), docs, Set.copyOf(only), List.copyOf(overrides));
    }

    /** Whether {@code bench} runs ({@code BENCH_ONLY} names it, or is unset). */
    boolean runs(Bench bench) {
        return only.isEmpty() || only.contains(bench.id());
    }

    /** Where figures' JSON files go. */
    Path outputDir() {
        return root.resolve("deploy/bench/target/bench");
    }

    /** Scratch space of a run (stack data, keys, files), emptied at the start of a run. */
    Path workDir() {
        return root.resolve("deploy/bench/target/bench-work");
    }

    /** The command that reproduces this run. */
    String command() {
        List<String> parts = new ArrayList<>(overrides);
        parts.add("deploy/bench/run");
        return String.join(" ", parts);
    }

    private static long number(Map<String, String> env, String name, long fallback, long min,
                               long max, List<String> overrides) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            parsed = Long.MIN_VALUE;
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("Cannot run the benchmarks: " + name + " must be a"
                    + " whole number from " + min + " to " + max + ", not '" + value + "'");
        }
        overrides.add(name + "=" + parsed);
        return parsed;
    }
}

package io.configvault.shared.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a {@link FuzzTarget}: first every file of its regression corpus
 * ({@code src/test/resources/fuzz/<name>/}; files named {@code valid-*} must be accepted, all
 * others refused with the declared exception), then a seeded mutation campaign over the seeds and
 * the corpus. Each input must be accepted or refused with the declared exception, allocate no
 * more than the target's budget (measured per input with the thread's allocation counter, so an
 * input that makes the parser allocate what a header merely declares fails even if the heap could
 * hold it) and take no more than {@link #PER_INPUT} of CPU; a watchdog catches inputs that never
 * finish.
 *
 * <p>Not coverage-guided (see docs/design.md, "Testing: fuzzing"): an input that makes the parser
 * answer with a refusal it has not given before joins the pool that mutations start from, which
 * walks the fuzzer past one check at a time.
 *
 * <p>A finding stops the campaign: the input goes to {@code target/fuzz-crashes/<name>/} and the
 * test fails naming the seed and iteration. {@code -Dfuzz.seed} and {@code -Dfuzz.iterations}
 * override the defaults. Not thread-safe; one campaign per test.
 */
public final class FuzzCampaign<T> {

    /** The campaign's seed; each target mixes in its name. */
    public static final long SEED = Long.getLong("fuzz.seed", 0x5EED_C0FF_EEL);
    /**
     * CPU time one input may take; the parsers need microseconds to milliseconds. CPU time, not
     * wall time, so that other builds on the machine do not make the test flaky.
     */
    static final Duration PER_INPUT = Duration.ofSeconds(Long.getLong("fuzz.input-seconds", 2));
    /** Wall time after which the watchdog declares an input hung. */
    private static final Duration HUNG = Duration.ofSeconds(30);
    private static final int POOL_LIMIT = 2048;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What a campaign did, printed and returned for the test's own assertions. */
    public record Report(String target, int corpusFiles, int iterations, int outcomes,
                         long maxAllocated, Duration slowest, Duration cpu, Duration took) {
        @Override
        public String toString() {
            return String.format("fuzz %s: seed %x, %d corpus files, %d iterations, %d distinct"
                            + " outcomes, max %d KiB allocated per input, slowest input %d ms"
                            + " CPU, %d ms CPU and %d ms wall in all", target, SEED, corpusFiles,
                    iterations, outcomes, maxAllocated >> 10, slowest.toMillis(), cpu.toMillis(),
                    took.toMillis());
        }
    }

    /** The input under test, for the watchdog. */
    private record Running(Object input, String where, long startedNanos) {
    }

    private final FuzzTarget<T> target;
    private final String suffix;
    private final Path corpus;
    private final Path crashes;
    private volatile Running running;
    private long maxAllocated;
    private long slowestNanos;

    /** @param suffix file name suffix of crash files, e.g. {@code .json} */
    public FuzzCampaign(FuzzTarget<T> target, String suffix) {
        this.target = target;
        this.suffix = suffix;
        this.corpus = Path.of("src/test/resources/fuzz", target.name());
        this.crashes = Path.of("target/fuzz-crashes", target.name());
    }

    /**
     * Replays the corpus, then runs {@code -Dfuzz.iterations} mutations or else
     * {@code defaultIterations}; fails on the first finding. A run of at least the default
     * length must also have met {@code minimumOutcomes} different answers (acceptance and each
     * kind of refusal): fewer means the mutations no longer reach past the parser's first checks.
     */
    public Report run(int defaultIterations, int minimumOutcomes) throws Exception {
        int iterations = Integer.getInteger("fuzz.iterations", defaultIterations);
        Report report = runFor(iterations);
        if (iterations >= defaultIterations && report.outcomes() < minimumOutcomes) {
            throw new AssertionError("fuzz " + target.name() + ": only " + report.outcomes()
                    + " distinct outcomes, expected at least " + minimumOutcomes);
        }
        return report;
    }

    /** Exactly {@code iterations}, whatever {@code -Dfuzz.iterations} says. */
    Report runFor(int iterations) throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fuzz-" + target.name());
            thread.setDaemon(true); // a hung parser must not keep the test JVM alive
            return thread;
        });
        try {
            Future<Report> report = worker.submit(() -> campaign(iterations));
            while (true) {
                try {
                    Report done = report.get(200, TimeUnit.MILLISECONDS);
                    System.out.println(done);
                    return done;
                } catch (TimeoutException stillRunning) {
                    Running now = running;
                    if (now != null && System.nanoTime() - now.startedNanos > HUNG.toNanos()) {
                        report.cancel(true);
                        @SuppressWarnings("unchecked")
                        T input = (T) now.input;
                        throw finding(now.where, input, "did not finish within "
                                + HUNG.toSeconds() + " s", null);
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        } finally {
            worker.shutdownNow();
        }
    }

    private Report campaign(int iterations) throws Exception {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        List<T> pool = new ArrayList<>(target.seeds());
        for (T seed : pool) { // warm up: class loading and static setup are not the input's cost
            warmUp(seed);
        }
        Set<String> outcomes = new HashSet<>();
        for (T seed : pool) {
            String seen = outcome(seed, "seed");
            if (!seen.equals("accepted")) {
                throw new AssertionError("fuzz " + target.name() + ": a seed is refused: " + seen);
            }
        }
        List<Path> files = corpusFiles();
        for (Path file : files) {
            T input = target.fromBytes(Files.readAllBytes(file));
            String seen = outcome(input, "corpus file " + file);
            boolean valid = file.getFileName().toString().startsWith("valid-");
            if (valid != seen.equals("accepted")) {
                throw new AssertionError("fuzz " + target.name() + ": corpus file " + file
                        + (valid ? " must be accepted but is refused: " + seen
                        : " must be refused with " + target.declared().getSimpleName()
                        + " but is accepted"));
            }
            pool.add(input);
            outcomes.add(seen);
        }
        SplittableRandom random = new SplittableRandom(SEED + target.name().hashCode());
        for (int iteration = 0; iteration < iterations; iteration++) {
            T input = pool.get(random.nextInt(pool.size()));
            for (int stacked = random.nextInt(1, 4); stacked > 0; stacked--) {
                input = target.mutate(input, random);
            }
            String seen = outcome(input, "iteration " + iteration);
            if (outcomes.add(seen) && pool.size() < POOL_LIMIT) {
                pool.add(input);
            }
        }
        return new Report(target.name(), files.size(), iterations, outcomes.size(), maxAllocated,
                Duration.ofNanos(slowestNanos),
                Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - cpuStart),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void warmUp(T seed) {
        try {
            target.parse(seed);
        } catch (Exception e) {
            throw finding("warm-up", seed, "refused a seed: " + e, e);
        }
    }

    /** Runs one input; returns "accepted" or the refusal's normalised message. */
    private String outcome(T input, String where) {
        running = new Running(input, where, System.nanoTime());
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        Throwable thrown = null;
        try {
            target.parse(input);
        } catch (Throwable t) {
            thrown = t;
        }
        long nanos = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        running = null;
        if (thrown != null && !target.declared().isInstance(thrown)) {
            throw finding(where, input, "threw " + thrown, thrown);
        }
        if (thrown != null) {
            try {
                target.checkRefusal((Exception) thrown);
            } catch (AssertionError wrong) {
                throw finding(where, input, "refused with a wrong message: " + wrong.getMessage(),
                        thrown);
            }
        }
        long budget = target.allocationBudget(input);
        if (allocated > budget) {
            throw finding(where, input, "allocated " + allocated + " bytes, more than its budget"
                    + " of " + budget, thrown);
        }
        if (nanos > PER_INPUT.toNanos()) {
            throw finding(where, input, "took " + nanos / 1_000_000 + " ms of CPU", thrown);
        }
        maxAllocated = Math.max(maxAllocated, allocated);
        slowestNanos = Math.max(slowestNanos, nanos);
        return thrown == null ? "accepted" : signature(thrown);
    }

    /** The refusal with its variable parts (quoted input, numbers) blanked out. */
    private static String signature(Throwable refusal) {
        String message = String.valueOf(refusal.getMessage())
                .replaceAll("(?s)'.*'", "'?'") // from the first quote to the last: input, printable
                .replaceAll("[0-9]+", "#");
        return refusal.getClass().getSimpleName() + ": "
                + message.substring(0, Math.min(message.length(), 160));
    }

    private AssertionError finding(String where, T input, String what, Throwable cause) {
        String file = where.startsWith("iteration ")
                ? String.format("crash-%x-%s%s", SEED, where.substring(10), suffix)
                : "crash-" + where.replaceAll("[^A-Za-z0-9.-]+", "_") + suffix;
        Path saved = crashes.resolve(file);
        try {
            Files.createDirectories(crashes);
            Files.write(saved, target.toBytes(input));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the fuzz input to " + saved, e);
        }
        String reproduce = where.startsWith("iteration ")
                ? String.format("; reproduce with -Dfuzz.seed=0x%x -Dfuzz.iterations=%d", SEED,
                Integer.parseInt(where.substring(10)) + 1)
                : "";
        return new AssertionError(String.format("fuzz %s, %s (seed %x): the parser %s. The input"
                        + " is in %s; once fixed, keep it as a regression input in %s%s",
                target.name(), where, SEED, what, saved.toAbsolutePath(), corpus, reproduce),
                cause);
    }

    private List<Path> corpusFiles() throws IOException {
        if (!Files.isDirectory(corpus)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals("README.md"))
                    .sorted().toList();
        }
    }
}

package io.configvault.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH micro-benchmarks of the hot spots (sealing, at-rest encryption, reassembly, catalog
 * insert; the {@code *Benchmark} classes of this build) run as one part of the suite through
 * JMH's Runner API: one forked JVM per benchmark, on the bench's class path, with the vault's
 * heap; short settings so the part fits the suite's budget.
 */
final class JmhSuite implements Bench {

    private static final int WARMUPS = 3;
    private static final int MEASUREMENTS = 5;

    @Override
    public String id() {
        return JmhFigure.ID;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        Path work = context.workDir(this);
        Options options = new OptionsBuilder()
                .include("io\\.configvault\\..*Benchmark\\..*")
                .forks(1)
                .warmupIterations(WARMUPS).warmupTime(TimeValue.seconds(1))
                .measurementIterations(MEASUREMENTS).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                        "-Djava.io.tmpdir=" + work)
                .shouldFailOnError(true)
                .output(work.resolve("jmh.log").toString())
                .build();
        BenchContext.say("Running the JMH benchmarks (log: " + work.resolve("jmh.log") + ")");
        Collection<RunResult> results = new Runner(options).run();
        List<JmhFigure.Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            String bytes = result.getParams().getParam("bytes");
            String method = result.getParams().getBenchmark();
            String[] parts = method.split("\\.");
            rows.add(new JmhFigure.Row(parts[parts.length - 2] + "." + parts[parts.length - 1],
                    bytes == null ? 0 : Long.parseLong(bytes), primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit()));
        }
        rows.sort(Comparator.comparing(JmhFigure.Row::benchmark)
                .thenComparingLong(JmhFigure.Row::bytes));
        return List.of(JmhFigure.of(rows, "1 fork, " + WARMUPS + " × 1 s warm-up, "
                + MEASUREMENTS + " × 1 s measurement, -Xmx256m"));
    }
}

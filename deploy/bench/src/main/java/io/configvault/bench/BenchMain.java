package io.configvault.bench;

import io.configvault.stack.StackRoot;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code deploy/bench/run}: prepares the simulated fleet, starts the real stack and a real vault
 * with the fleet enrolled, measures each figure, prints it as a table, writes its JSON under
 * {@code deploy/bench/target/bench/} and rewrites {@code docs/benchmarks.md}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** The parts of the suite, in the order they run. */
    static final List<Bench> BENCHES = List.of(new FleetBurst(), new AgentPath(),
            new LargeSnapshot(), new CatalogScale(), new JmhSuite());

    public static void main(String[] args) throws Exception {
        Path root = StackRoot.locate().dir();
        BenchSettings settings = BenchSettings.fromEnvironment(root, System.getenv());
        Machine machine = Machine.current();
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> unknown = new ArrayList<>(settings.only());
        BENCHES.forEach(b -> unknown.remove(b.id()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Cannot run the benchmarks: BENCH_ONLY names "
                    + unknown + "; the parts are " + BENCHES.stream().map(Bench::id).toList());
        }
        deleteRecursively(settings.workDir());
        Files.createDirectories(settings.workDir());
        BenchContext.say("Machine: " + machine.describe());
        BenchContext context = new BenchContext(settings, machine,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        List<Figure> figures = new ArrayList<>();
        long suiteStarted = System.nanoTime();
        for (Bench bench : BENCHES) {
            if (!settings.runs(bench)) {
                continue;
            }
            long started = System.nanoTime();
            BenchContext.say("== " + bench.id());
            for (Figure figure : bench.run(context)) {
                figures.add(figure);
                System.out.println();
                System.out.print(Tables.text(figure));
                BenchContext.say("Wrote " + root.relativize(FigureJson.write(
                        settings.outputDir(), figure, machine, date)));
            }
            BenchContext.say(bench.id() + " took " + BurstFigure.fixed(
                    BurstResult.seconds(System.nanoTime() - started), 1) + " s");
        }
        BenchContext.say("The suite took " + BurstFigure.fixed(
                BurstResult.seconds(System.nanoTime() - suiteStarted) / 60, 1) + " min");
        if (settings.writeDocs()) {
            Path docs = root.resolve("docs/benchmarks.md");
            Files.writeString(docs, BenchmarksDoc.render(figures, machine,
                    settings.command(), date));
            BenchContext.say("Wrote " + root.relativize(docs));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

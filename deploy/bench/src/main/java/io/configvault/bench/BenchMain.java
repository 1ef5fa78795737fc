package io.configvault.bench;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackRoot;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code deploy/bench/run}: prepares the simulated fleet, starts the real stack and a real vault
 * with the fleet enrolled, measures each figure, prints it as a table, writes its JSON under
 * {@code deploy/bench/target/bench/} and rewrites {@code docs/benchmarks.md}.
 */
public final class BenchMain {

    /** The figures of issue 8 this suite does not measure yet; the docs name them. */
    static final List<String> NOT_MEASURED = List.of(
            "Figure 1: change → vaulted latency (p50/p95/p99) from an agent's committed SQLite"
                    + " change.",
            "Figure 3: large snapshot throughput (1 GiB end to end vs a raw multipart PUT) and the"
                    + " vault's heap high-water mark.",
            "Figure 4: restore latency (API GET of a 1 MiB snapshot's content vs a raw GET).",
            "Figure 5: catalog at scale (list and retention pass with 1,000,000 rows).",
            "Figure 6: agent footprint (RSS idle and during a 1 GiB capture with -Xmx64m).",
            "Figure 7: storage for 30 daily snapshots of an unchanged configuration.",
            "JMH micro-benchmarks (sealing, at-rest encryption, reassembly, catalog insert).");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = StackRoot.locate().dir();
        BenchSettings settings = BenchSettings.fromEnvironment(root, System.getenv());
        Machine machine = Machine.current();
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Path work = settings.workDir();
        deleteRecursively(work);
        Files.createDirectories(work);
        say("Machine: " + machine.describe());
        say("Preparing " + settings.appliances() + " simulated appliances (keys, "
                + BurstFigure.size(settings.snapshotBytes()) + " files, sealed snapshots)");
        long started = System.nanoTime();
        BenchKeys keys = BenchKeys.create(work.resolve("keys"));
        List<SimulatedAppliance> fleet = FleetSimulator.prepare(keys, work.resolve("fleet"),
                settings.appliances(), settings.snapshotBytes(), machine.processors());
        say("Prepared in " + BurstFigure.fixed(BurstResult.seconds(System.nanoTime() - started),
                1) + " s; starting Kafka, s3proxy and the vault");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        BurstResult burst;
        try (LocalStack stack = LocalStack.start(work.resolve("infra"))) {
            stack.s3().createBucket(VaultProcess.BUCKET);
            try (VaultProcess vault = VaultProcess.start(root, work, stack, keys, fleet, http)) {
                burst = FleetBurst.run(settings, stack, vault, new VaultListing(http, vault),
                        fleet, work);
            }
        }
        List<Figure> figures = List.of(BurstFigure.of(burst));
        for (Figure figure : figures) {
            System.out.println();
            System.out.print(Tables.text(figure));
            say("Wrote " + root.relativize(FigureJson.write(settings.outputDir(), figure,
                    machine, date)));
        }
        if (settings.writeDocs()) {
            Path docs = root.resolve("docs/benchmarks.md");
            Files.writeString(docs, BenchmarksDoc.render(figures, NOT_MEASURED, machine,
                    settings.command(), date));
            say("Wrote " + root.relativize(docs));
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

    private static void say(String line) {
        System.out.println("[bench] " + line);
    }
}

package io.configvault.bench;

import io.configvault.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Figures 3 and 6: one real agent ({@code -Xmx64m}) backs up a 1 GiB file into a real vault
 * ({@code -Xmx256m}); the bench times the steps, samples both processes' RSS and reads both GC
 * logs, then PUTs the same file raw in parts to the same S3 server. Large files are deleted at
 * the end (the logs stay).
 */
final class LargeSnapshot implements Bench {

    static final String AGENT = "bench-large";
    static final long PAYLOAD_BYTES = 1024L * 1024 * 1024;
    static final long AGENT_MAX_HEAP = 64L * 1024 * 1024;
    static final long VAULT_MAX_HEAP = 256L * 1024 * 1024;
    /** Room above the payload for the bundle's manifest and the OpenPGP envelope. */
    static final long MAX_SNAPSHOT_BYTES = 2 * PAYLOAD_BYTES;
    static final long IDLE_SETTLE_MILLIS = 3000;
    /** Bytes of the sample that {@link CryptoCost} times. */
    static final long CRYPTO_SAMPLE_BYTES = 64L * 1024 * 1024;
    private static final long LARGE_FILE = 16L * 1024 * 1024;

    @Override
    public String id() {
        return LargeSnapshotFigure.ID;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        Path work = context.workDir(this);
        try {
            return measure(context, work);
        } finally {
            deleteLargeFiles(work);
        }
    }

    private List<Figure> measure(BenchContext context, Path work) throws Exception {
        BenchKeys keys = BenchKeys.create(work.resolve("keys"));
        keys.generate(AGENT);
        long started = System.nanoTime();
        Path source = RandomFile.write(Files.createDirectories(work.resolve("appliance"))
                .resolve("large.bin"), PAYLOAD_BYTES);
        say("Wrote " + BurstFigure.size(PAYLOAD_BYTES) + " of random bytes in "
                + seconds(System.nanoTime() - started) + " s; starting Kafka, s3proxy, the vault"
                + " and the agent");
        try (LocalStack stack = LocalStack.start(work.resolve("infra"))) {
            stack.s3().createBucket(VaultProcess.BUCKET);
            stack.s3().createBucket("bench-raw");
            Path vaultGc = work.resolve("vault-gc.log");
            try (VaultProcess vault = VaultProcess.start(context.root(), work, stack,
                    keys, Map.of(AGENT, keys.publicKeyFile(AGENT)),
                    "vault:\n  max-snapshot-bytes: " + MAX_SNAPSHOT_BYTES + "\n",
                    List.of(GcLog.jvmOption(vaultGc)), context.http())) {
                Path agentDir = work.resolve("agent");
                Path agentGc = agentDir.resolve("gc.log");
                List<String> settings = AgentProcess.settings(AGENT, agentDir, keys, stack);
                settings.addAll(List.of("capture.max-snapshot-bytes=" + MAX_SNAPSHOT_BYTES,
                        "capture.sources[0].name=" + source.getFileName(),
                        "capture.sources[0].kind=file",
                        "capture.sources[0].path=" + source));
                try (AgentProcess agent = AgentProcess.start(context.root(), agentDir, settings,
                        List.of("-Xmx" + AGENT_MAX_HEAP / (1024 * 1024) + "m",
                                GcLog.jvmOption(agentGc)), context.http())) {
                    LargeRun run = new LargeRun(context, vault, agent);
                    LargeRun.Timings t = run.capture(source);
                    long rawNanos;
                    try (S3Client s3 = stack.s3Client()) {
                        rawNanos = RawMultipartPut.put(s3, "bench-raw", "raw/large.bin", source);
                    }
                    say("Raw multipart PUT of the same file: " + seconds(rawNanos) + " s");
                    CryptoCost.Cost crypto = CryptoCost.measure(keys.secretKey("vault-storage"),
                            work, CRYPTO_SAMPLE_BYTES);
                    LargeResult result = new LargeResult(PAYLOAD_BYTES, t.captureNanos(),
                            t.publishNanos(), t.endToEndNanos(), t.vaultIngestNanos(),
                            t.afterPublishedNanos(), rawNanos,
                            GcLog.window(GcLog.read(vaultGc), t.startMillis(), t.listedMillis()),
                            t.vaultPeakRss(), ProcStatus.of(vault.pid()).peakBytes(),
                            t.agentIdleRss(), t.agentPeakRss(),
                            ProcStatus.of(agent.pid()).peakBytes(),
                            GcLog.window(GcLog.read(agentGc), t.startMillis(),
                                    t.publishedMillis()), AGENT_MAX_HEAP, VAULT_MAX_HEAP);
                    return List.of(LargeSnapshotFigure.of(result, bounds(result, crypto)),
                            AgentFootprintFigure.of(result, IDLE_SETTLE_MILLIS));
                }
            }
        }
    }

    /** What the measurements say bounds the vault's ingest, with their numbers. */
    static List<String> bounds(LargeResult r, CryptoCost.Cost crypto) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "The vault cannot list the snapshot before its last"
                + " segment arrives: the agent's publish took %.2f s of the vault's %.2f s;"
                + " after the last segment the vault took %.2f s (%.1f MiB/s) to decrypt and"
                + " verify, check, encrypt at rest and upload.",
                BurstResult.seconds(r.publishNanos()), BurstResult.seconds(r.vaultIngestNanos()),
                BurstResult.seconds(r.afterPublishedNanos()),
                r.throughput(r.afterPublishedNanos())));
        notes.add(String.format(Locale.ROOT, "What bounds it first: the figure starts when the"
                + " vault reads the first segment, while the agent still publishes; the agent's"
                + " publish alone (%.1f MiB/s into the broker) takes %.2f× the raw PUT's time, so"
                + " even a vault with nothing to do would reach at most %.2f× the raw PUT's"
                + " throughput here.", r.throughput(r.publishNanos()),
                (double) r.publishNanos() / r.rawPutNanos(),
                (double) r.rawPutNanos() / r.publishNanos()));
        long cryptoNanos = crypto.overlappedNanosFor(r.payloadBytes());
        notes.add(String.format(Locale.ROOT, "After the last segment: decryption with the"
                + " signature check and encryption at rest, the two OpenPGP passes ingest cannot"
                + " skip, take %.2f s and %.2f s per %s in the suite's JVM (the vault's shared"
                + " code, fastest of %d rounds on %s, AES-256-CFB with SHA-1 and SHA-512 on every"
                + " byte). Ingest runs them at once on two threads, so with a processor each they"
                + " take at least %.2f s for this snapshot: %.2f× the raw PUT's time. The upload"
                + " follows the encryption (the object's metadata carries its own SHA-256), and"
                + " the bundle check, the digests, the broker and s3proxy share the same two"
                + " processors.",
                BurstResult.seconds(crypto.encryptNanos()),
                BurstResult.seconds(crypto.decryptNanos()), BurstFigure.size(crypto.bytes()),
                CryptoCost.ROUNDS_MEASURED, BurstFigure.size(crypto.bytes()),
                BurstResult.seconds(cryptoNanos), (double) cryptoNanos / r.rawPutNanos()));
        return notes;
    }

    private static void deleteLargeFiles(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(file) >= LARGE_FILE) {
                    Files.delete(file);
                }
            }
        }
    }

    static String seconds(long nanos) {
        return BurstFigure.fixed(BurstResult.seconds(nanos), 2);
    }

    static void say(String line) {
        BenchContext.say(line);
    }
}

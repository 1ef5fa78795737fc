package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Figures 1, 4 and 7, the path of a real agent's snapshots: one stack and vault, a real agent
 * watching a SQLite database (figure 1), real agents running thirty scheduled days and one
 * (figure 7), and restores of the latter's 1 MiB snapshot (figure 4). Measured in that order,
 * so that nothing else runs while the latencies are taken.
 */
final class AgentPath implements Bench {

    static final String WATCHER = "bench-watcher";
    static final String DAYS = "bench-days";
    static final String ONE_DAY = "bench-one-day";
    static final int CHANGES = 30;
    static final int WARM_UP_CHANGES = 3;
    static final Duration QUIET = Duration.ofMillis(500);
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    static final int DAYS_RUN = 30;
    static final int RESTORES = 50;
    static final int VERIFICATIONS = 20;
    static final long CONTENT_BYTES = 1024 * 1024;

    @Override
    public String id() {
        return "agent-path";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        Path work = context.workDir(this);
        BenchKeys keys = BenchKeys.create(work.resolve("keys"));
        Map<String, Path> enrolled = new LinkedHashMap<>();
        for (String appliance : List.of(WATCHER, DAYS, ONE_DAY)) {
            keys.generate(appliance);
            enrolled.put(appliance, keys.publicKeyFile(appliance));
        }
        say("Starting Kafka, s3proxy, the vault and an agent");
        try (LocalStack stack = LocalStack.start(work.resolve("infra"))) {
            stack.s3().createBucket(VaultProcess.BUCKET);
            try (VaultProcess vault = VaultProcess.start(context.root(), work, stack, keys,
                    enrolled, "vault:\n  api:\n    download-burst: 1000\n", List.of(),
                    context.http());
                 S3Client s3 = stack.s3Client()) {
                VaultApi api = new VaultApi(context.http(), vault);
                List<Figure> figures = new ArrayList<>();
                figures.add(changeLatency(context, work, keys, stack, api));
                Path content = randomFile(work.resolve("app.conf"), CONTENT_BYTES);
                LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS_RUN + 1);
                say("Figure 7: one scheduled day, then " + DAYS_RUN + " unchanged days");
                StorageDays.Result one = StorageDays.run(context.root(),
                        work.resolve(ONE_DAY), dayAgent(ONE_DAY, work, keys, stack, content), 1,
                        first, api, s3, VaultProcess.BUCKET, ONE_DAY);
                StorageDays.Result many = StorageDays.run(context.root(), work.resolve(DAYS),
                        dayAgent(DAYS, work, keys, stack, content), DAYS_RUN, first, api, s3,
                        VaultProcess.BUCKET, DAYS);
                Figure storage = StorageFigure.of(one, many, CONTENT_BYTES);
                figures.add(restoreLatency(api, s3, keys, work));
                figures.add(storage);
                return figures;
            }
        }
    }

    private static Figure changeLatency(BenchContext context, Path work, BenchKeys keys,
                                        LocalStack stack, VaultApi api) throws Exception {
        Path dir = Files.createDirectories(work.resolve(WATCHER));
        try (ApplianceDatabase database = ApplianceDatabase.create(dir.resolve("config.db"))) {
            List<String> settings = AgentProcess.settings(WATCHER, dir, keys, stack);
            settings.addAll(List.of(
                    "capture.sources[0].name=config.db",
                    "capture.sources[0].kind=sqlite",
                    "capture.sources[0].path=" + database.file(),
                    "capture.change.quiet-period=" + QUIET.toMillis() + "ms",
                    "capture.change.poll-interval=" + POLL_INTERVAL.toMillis() + "ms"));
            try (AgentProcess agent = AgentProcess.start(context.root(), dir, settings,
                    context.http())) {
                ChangeLatency latency = new ChangeLatency(api, agent, WATCHER,
                        context.settings().timeout());
                Thread.sleep(POLL_INTERVAL.multipliedBy(2));
                latency.measure(database, WARM_UP_CHANGES);
                say("Figure 1: " + CHANGES + " committed changes, each until listed");
                return ChangeFigure.of(latency.measure(database, CHANGES), QUIET, POLL_INTERVAL);
            }
        }
    }

    private static List<String> dayAgent(String appliance, Path work, BenchKeys keys,
                                         LocalStack stack, Path content) {
        List<String> settings = AgentProcess.settings(appliance, work.resolve(appliance), keys,
                stack);
        settings.addAll(List.of(
                "capture.sources[0].name=app.conf",
                "capture.sources[0].kind=file",
                "capture.sources[0].path=" + content,
                "capture.schedule.cron=45 3 * * *",
                "capture.schedule.jitter=0s"));
        return settings;
    }

    private static Figure restoreLatency(VaultApi api, S3Client s3, BenchKeys keys, Path work)
            throws Exception {
        JsonNode snapshot = api.newestSnapshot(DAYS);
        String id = snapshot.path("id").asText();
        String key = "snapshots/" + AgentProcess.FLEET + "/" + DAYS + "/" + id + ".tar.pgp";
        say("Figure 4: " + RESTORES + " API GETs and raw GETs of snapshot " + id);
        RestoreLatency.Samples samples = RestoreLatency.measure(api, id, s3,
                VaultProcess.BUCKET, key, RESTORES);
        Percentiles verify = Percentiles.of(VerifyCost.measure(s3, VaultProcess.BUCKET, key,
                keys.secretKey("vault-storage"), work, VERIFICATIONS));
        return RestoreFigure.of(samples, CONTENT_BYTES, verify);
    }

    private static Path randomFile(Path file, long bytes) throws Exception {
        byte[] content = new byte[(int) bytes];
        new SecureRandom().nextBytes(content);
        return Files.write(file, content);
    }

    private static void say(String line) {
        BenchContext.say(line);
    }
}

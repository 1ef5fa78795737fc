package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Figure 5: a real vault whose catalog holds 1,000,000 snapshot rows (10,000 appliances × 100
 * daily snapshots, written by {@link CatalogFill} before it starts). Times the operator's
 * listings through the API, walks the whole fleet view, then runs a retention pass that deletes
 * each appliance's oldest snapshot — its object really in the bucket — and a second pass with
 * nothing left to do.
 */
final class CatalogScale implements Bench {

    static final int APPLIANCES = 10_000;
    static final int PER_APPLIANCE = 100;
    private static final int WARMUPS = 3;
    private static final int REPEATS = 30;
    private static final int PUT_THREADS = 4;
    /** Nothing scheduled runs while the figure measures: the pass runs when asked. */
    private static final String QUIET = """
            vault:
              retention:
                enabled: false
              verify:
                enabled: false
            """;

    @Override
    public String id() {
        return CatalogFigure.ID;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        Path work = context.workDir(this);
        BenchKeys keys = BenchKeys.create(work.resolve("keys"));
        PgpPublicKey applianceKey = keys.generate("appliance").publicKey();
        ScaleFleet fleet = new ScaleFleet(APPLIANCES, PER_APPLIANCE, Instant.now());
        Path catalog = Files.createDirectories(work.resolve("vault")).resolve("catalog.db");
        say("Filling the catalog with " + BurstFigure.count(Math.toIntExact(fleet.rows()))
                + " snapshot rows");
        long started = System.nanoTime();
        List<CatalogFill.Doomed> doomed = CatalogFill.fill(catalog, fleet, applianceKey,
                keys.publicKey("vault-storage").fingerprint());
        long fillNanos = System.nanoTime() - started;
        say("Filled in " + seconds(fillNanos) + " s (" + (Files.size(catalog) >> 20)
                + " MiB); starting Kafka, s3proxy and the vault");
        try (LocalStack stack = LocalStack.start(work.resolve("infra"))) {
            stack.s3().createBucket(VaultProcess.BUCKET);
            try (S3Client s3 = stack.s3Client()) {
                long objectBytes = DoomedObjects.put(s3, VaultProcess.BUCKET, doomed,
                        PUT_THREADS);
                long vaultStarted = System.nanoTime();
                try (VaultProcess vault = VaultProcess.start(context.root(), work, stack, keys,
                        List.of(), QUIET, List.of(), context.http())) {
                    long startNanos = System.nanoTime() - vaultStarted;
                    say("The vault started in " + seconds(startNanos) + " s; timing listings");
                    ApiTimer api = new ApiTimer(context.http(), vault);
                    List<CatalogResult.Listing> lists = new ArrayList<>();
                    long walkStarted = System.nanoTime();
                    String lastPageCursor = walkFleet(api);
                    long walkNanos = System.nanoTime() - walkStarted;
                    lists.add(listing(api, "Fleet view, first page",
                            "/api/v1/appliances?limit=100"));
                    lists.add(listing(api, "Fleet view, last page (by its cursor)",
                            "/api/v1/appliances?limit=100&after=" + lastPageCursor));
                    String appliance = fleet.applianceId(APPLIANCES / 2);
                    String snapshots = "/api/v1/appliances/" + appliance + "/snapshots?limit=25";
                    lists.add(listing(api, "One appliance's snapshots, first page", snapshots));
                    lists.add(listing(api, "One appliance's snapshots, last page (by its cursor)",
                            snapshots + "&cursor=" + encode(lastCursor(api, snapshots))));
                    api.call("PUT", "/api/v1/retention-policies/vault",
                            ScaleFleet.policy(PER_APPLIANCE));
                    say("Running a retention pass over " + fleet.rows() + " rows");
                    CatalogResult.Pass pass = pass(api);
                    CatalogResult.Pass steady = pass(api);
                    check(pass, steady, doomed.size(), DoomedObjects.count(s3,
                            VaultProcess.BUCKET), vault);
                    return List.of(CatalogFigure.of(new CatalogResult(fleet, fillNanos,
                            Files.size(catalog), startNanos, lists, walkNanos, pass, steady,
                            objectBytes)));
                }
            }
        }
    }

    /** Pages through the fleet view by 1,000; returns the cursor of its last 100 appliances. */
    private static String walkFleet(ApiTimer api) throws Exception {
        String after = null;
        int seen = 0;
        String last = null;
        do {
            JsonNode page = api.call("GET", "/api/v1/appliances?limit=1000"
                    + (after == null ? "" : "&after=" + after), "");
            JsonNode items = page.path("items");
            seen += items.size();
            if (items.size() > 100) {
                last = items.get(items.size() - 101).path("id").asText();
            }
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null);
        if (seen != APPLIANCES || last == null) {
            throw new IllegalStateException("The fleet view listed " + seen + " appliances of "
                    + APPLIANCES + " in the catalog");
        }
        return last;
    }

    /** Follows {@code path}'s cursors; returns the one that reaches its last non-empty page. */
    private static String lastCursor(ApiTimer api, String path) throws Exception {
        String cursor = null;
        String next = api.call("GET", path, "").path("next").asText(null);
        while (next != null) {
            JsonNode page = api.call("GET", path + "&cursor=" + encode(next), "");
            if (page.path("items").isEmpty()) {
                break;
            }
            cursor = next;
            next = page.path("next").asText(null);
        }
        if (cursor == null) {
            throw new IllegalStateException("The snapshot listing " + path + " had one page");
        }
        return cursor;
    }

    private static CatalogResult.Listing listing(ApiTimer api, String name, String path)
            throws Exception {
        int items = api.call("GET", path, "").path("items").size();
        return new CatalogResult.Listing(name, path, items, api.timeGets(path, WARMUPS,
                REPEATS));
    }

    private static CatalogResult.Pass pass(ApiTimer api) throws Exception {
        long started = System.nanoTime();
        JsonNode report = api.call("POST", "/api/v1/retention/run", "");
        CatalogResult.Pass pass = new CatalogResult.Pass(System.nanoTime() - started,
                report.path("appliances").asInt(), report.path("deleted").asInt());
        say("Pass: " + seconds(pass.nanos()) + " s, " + pass.deleted() + " deleted; report "
                + report);
        return pass;
    }

    private static void check(CatalogResult.Pass pass, CatalogResult.Pass steady, int doomed,
                              long objectsLeft, VaultProcess vault) {
        if (pass.deleted() != doomed || steady.deleted() != 0 || objectsLeft != 0) {
            throw new IllegalStateException("The retention passes deleted " + pass.deleted()
                    + " and " + steady.deleted() + " snapshots, " + objectsLeft + " objects"
                    + " left; expected " + doomed + ", 0 and 0; see " + vault.log());
        }
    }

    private static String encode(String cursor) {
        return java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String seconds(long nanos) {
        return BurstFigure.fixed(BurstResult.seconds(nanos), 2);
    }

    private static void say(String line) {
        BenchContext.say(line);
    }
}

package io.configvault.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.shared.event.Segment;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Poison on the real broker (QUALITY 13, 14, 15): records crafted by someone with a producer on
 * the snapshot topic, each published right before a real agent's next snapshot on the same (only)
 * partition. Each must land on the quarantine topic with a reason that names its problem, with
 * an empty value and no plaintext anywhere (quarantine headers, vault log); nothing of it is
 * stored; and the agent's next snapshot is still stored — the partition moves on. Each test
 * forges for an appliance of its own and ends with the invariant for the agent's appliance.
 */
class PoisonIT {

    static final String AGENT = "nas-valid";

    @TempDir
    static Path dir;

    static FleetFixture fleet;

    @RegisterExtension
    static final VaultLogOnFailure VAULT_LOG = new VaultLogOnFailure(() -> fleet);
    static FleetFixture.Agent agent;
    static Forgery forgery;
    static final List<String> TAKEN = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fleet = new FleetFixture(dir, List.of(AGENT, "nas-victim", "nas-a", "nas-b",
                "nas-cut-orphan", "nas-cut-missing", "nas-cut-duplicated",
                "nas-cut-reordered", "nas-cut-truncated", "nas-oversized",
                "nas-escape-dot-dot", "nas-escape-absolute", "nas-escape-symlink",
                "nas-pgp-bomb", "nas-tar-bomb"));
        agent = fleet.startAgent(AGENT, ConfigDatabase.create(dir, AGENT, 0), List.of());
        forgery = new Forgery(fleet, dir.resolve("forged"));
    }

    @AfterAll
    static void stop() {
        if (forgery != null) {
            forgery.close();
        }
        if (agent != null) {
            agent.stop();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aSnapshotSignedByAForeignKeyIsQuarantined() throws Exception {
        String secret = secret();
        SnapshotId id = Forgery.newId();
        Path sealed = forgery.seal(ForgedBundles.valid(forgery.dir(), "nas-victim", id, secret),
                Forgery.foreignKey());
        forgery.publish(Forgery.segments(sealed, "nas-victim", id, 512 * 1024));

        assertQuarantinedAndTheNextSnapshotStored("nas-victim", id, secret,
                "not by the required signer");
    }

    @Test
    void applianceAsKeyClaimingToBeApplianceBIsQuarantined() throws Exception {
        String secret = secret();
        SnapshotId id = Forgery.newId();
        Path sealed = forgery.seal(ForgedBundles.valid(forgery.dir(), "nas-b", id, secret),
                forgery.key("nas-a"));
        forgery.publish(Forgery.segments(sealed, "nas-b", id, 512 * 1024));

        assertQuarantinedAndTheNextSnapshotStored("nas-b", id, secret,
                "not by the required signer");
        Invariant.storedOnceAndVerifies(fleet, "nas-a", List.of());
    }

    /**
     * What goes wrong with the segments of an otherwise valid snapshot of three segments. A
     * snapshot whose last segments never come is not here: it stays open until the reassembly
     * timeout.
     */
    enum Cut {
        ORPHAN("segment 1 of a snapshot whose first segment never arrived"),
        MISSING("missing, duplicated or reordered"),
        DUPLICATED("missing, duplicated or reordered"),
        REORDERED("missing, duplicated or reordered"),
        TRUNCATED("does not match its announced length");

        final String problem;

        Cut(String problem) {
            this.problem = problem;
        }

        List<Segment> apply(List<Segment> s) {
            return switch (this) {
                case ORPHAN -> List.of(s.get(1));
                case MISSING -> List.of(s.get(0), s.get(2));
                case DUPLICATED -> List.of(s.get(0), s.get(1), s.get(1), s.get(2));
                case REORDERED -> List.of(s.get(0), s.get(2), s.get(1));
                case TRUNCATED -> {
                    Segment last = s.get(2);
                    byte[] cut = java.util.Arrays.copyOf(last.payload(),
                            last.payload().length / 2);
                    yield List.of(s.get(0), s.get(1), new Segment(last.applianceId(),
                            last.snapshotId(), last.index(), last.count(), last.sealedBytes(),
                            last.sealedSha256(), cut));
                }
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Cut.class)
    void brokenSegmentsAreQuarantined(Cut cut) throws Exception {
        String appliance = "nas-cut-" + cut.name().toLowerCase();
        String secret = secret();
        SnapshotId id = Forgery.newId();
        Path sealed = forgery.seal(ForgedBundles.valid(forgery.dir(), appliance, id, secret),
                forgery.key(appliance));
        int third = (int) ((Files.size(sealed) + 2) / 3);
        List<Segment> segments = Forgery.segments(sealed, appliance, id, third);
        assertThat(segments).hasSize(3);
        forgery.publish(cut.apply(segments));

        assertQuarantinedAndTheNextSnapshotStored(appliance, id, secret, cut.problem);
    }

    @Test
    void aSnapshotAnnouncingMoreThanTheLimitIsQuarantinedAtItsFirstSegment() throws Exception {
        SnapshotId id = Forgery.newId();
        byte[] payload = new byte[1024];
        new Random(7).nextBytes(payload);
        long announced = 2L << 30; // vault.max-snapshot-bytes defaults to 1 GiB
        forgery.publish(List.of(new Segment("nas-oversized", id, 0, 4096, announced,
                Sha256.of(payload), payload)));

        assertQuarantinedAndTheNextSnapshotStored("nas-oversized", id, "no plaintext here",
                "snapshot of " + announced + " bytes exceeds the limit of 1073741824");
    }

    /** Tar entries a restore must never write: out of its directory, or through a link. */
    enum Escape {
        DOT_DOT("bundle entry '../config.db' has an invalid name"),
        ABSOLUTE("bundle entry '/config.db' has an invalid name: absolute path"),
        SYMLINK("bundle entry 'config.db' is not a regular file");

        final String problem;

        Escape(String problem) {
            this.problem = problem;
        }

        Path bundle(Path dir, String appliance, SnapshotId id, String secret) throws Exception {
            return switch (this) {
                case DOT_DOT -> ForgedBundles.namedInTar(dir, appliance, id, secret,
                        "../" + ForgedBundles.ENTRY);
                case ABSOLUTE -> ForgedBundles.namedInTar(dir, appliance, id, secret,
                        "/" + ForgedBundles.ENTRY);
                case SYMLINK -> ForgedBundles.symlink(dir, appliance, id, "/etc/shadow");
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Escape.class)
    void aBundleWhoseEntryEscapesIsQuarantined(Escape escape) throws Exception {
        String appliance = "nas-escape-" + escape.name().toLowerCase().replace('_', '-');
        String secret = secret();
        SnapshotId id = Forgery.newId();
        Path sealed = forgery.seal(escape.bundle(forgery.dir(), appliance, id, secret),
                forgery.key(appliance));
        forgery.publish(Forgery.segments(sealed, appliance, id, 512 * 1024));

        assertQuarantinedAndTheNextSnapshotStored(appliance, id, secret, escape.problem);
    }

    /**
     * Our OpenPGP profile has no compression, so the bomb is an OpenPGP compressed data packet
     * (stock gpg, {@code -z 9}): 256 MiB of zeros in a few hundred KiB, signed by the enrolled
     * appliance's own key. The vault refuses the packet by its tag without inflating a byte.
     */
    @Test
    void anOpenPgpCompressionBombIsQuarantinedUnopened() throws Exception {
        SnapshotId id = Forgery.newId();
        Path sealed = GpgBomb.seal(Files.createDirectories(forgery.dir().resolve("pgp-bomb")),
                fleet.secretKeyFile("nas-pgp-bomb"), fleet.passphraseFile(),
                fleet.publicKeyFile("vault-ingest"), "nas-pgp-bomb", 256L << 20);
        assertThat(Files.size(sealed)).as("the bomb is small").isLessThan(2L << 20);
        forgery.publish(Forgery.segments(sealed, "nas-pgp-bomb", id, 512 * 1024));

        assertQuarantinedAndTheNextSnapshotStored("nas-pgp-bomb", id, "no plaintext here",
                "it contains compressed data");
    }

    /**
     * Tar's own bomb: a sparse entry (2.5 KB of tar) that reads back as 2 GiB of zeros, in a
     * bundle properly signed by the enrolled appliance. The bundle reader refuses the entry by
     * its header instead of hashing its holes.
     */
    @Test
    void aSparseTarBombIsQuarantinedUnread() throws Exception {
        SnapshotId id = Forgery.newId();
        Path sealed = forgery.seal(ForgedBundles.sparse(forgery.dir(), "nas-tar-bomb", id),
                forgery.key("nas-tar-bomb"));
        forgery.publish(Forgery.segments(sealed, "nas-tar-bomb", id, 512 * 1024));

        assertQuarantinedAndTheNextSnapshotStored("nas-tar-bomb", id, "no plaintext here",
                "bundle entry 'config.db' is a sparse file");
    }

    @Test
    void garbageRecordsAreQuarantined() throws Exception {
        Random random = new Random(13);
        List<RecordMetadata> landed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Header> headers = new ArrayList<>();
            for (int h = random.nextInt(4); h > 0; h--) {
                String name = (random.nextBoolean() ? "cv-" : "x-") + random.nextInt(1000);
                headers.add(new RecordHeader(name, bytes(random, random.nextInt(200))));
            }
            if (i == 4) {
                headers.add(new RecordHeader("cv-format", "1".getBytes(StandardCharsets.UTF_8)));
                headers.add(new RecordHeader("cv-type", bytes(random, 16)));
            }
            landed.add(forgery.publishRaw(i == 0 ? null : bytes(random, random.nextInt(64)),
                    bytes(random, random.nextInt(4096)), headers));
        }
        String next = agent.snapshot("after garbage");
        TAKEN.add(next);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Invariant.listedIds(fleet, AGENT).contains(next));

        List<QuarantineTopic.Notice> notices = QuarantineTopic.all(fleet);
        for (RecordMetadata record : landed) {
            String source = record.partition() + "@" + record.offset();
            assertThat(notices).filteredOn(n -> n.source().equals(source))
                    .as("quarantine notice of garbage at %s", source).singleElement()
                    .satisfies(n -> {
                        assertThat(n.reason()).startsWith("Malformed snapshot event: ");
                        assertThat(n.value()).isEmpty();
                    });
        }
        Invariant.storedOnceAndVerifies(fleet, AGENT, TAKEN);
    }

    /**
     * QUALITY 16: the agent's older snapshot, its records published again verbatim after a newer
     * one, is a duplicate: no second object or row, no quarantine, and the newer stays the
     * appliance's latest.
     */
    @Test
    void aReplayedOldSnapshotIsStoredOnceAndNeverBecomesTheLatest() throws Exception {
        String old = agent.snapshot("old");
        String newer = agent.snapshot("newer");
        TAKEN.addAll(List.of(old, newer));
        await().atMost(Duration.ofSeconds(60)).until(() -> Invariant.listedIds(fleet, AGENT)
                .containsAll(List.of(old, newer)));
        List<Segment> replay;
        try (TopicWatch topic = new TopicWatch(fleet.stack().kafka().bootstrapServers(),
                FleetFixture.TOPIC)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !topic.segments(old).isEmpty()
                    && topic.segments(old).size() == topic.announcedSegments(old));
            replay = topic.segments(old);
        }
        forgery.publish(replay);
        VaultGroup.awaitCaughtUp(fleet, Duration.ofSeconds(60));

        assertThat(QuarantineTopic.about(fleet, old)).as("a replay is no poison").isEmpty();
        assertThat(Json.field(fleet.vault("/api/v1/appliances/" + AGENT).body(),
                "lastSnapshotId")).as("the appliance's latest").isEqualTo(newer);
        assertThat(Invariant.listedIds(fleet, AGENT).getFirst()).isEqualTo(newer);
        Invariant.storedOnceAndVerifies(fleet, AGENT, TAKEN);
    }

    /**
     * The agent takes its next snapshot after the poison, on the same partition: once that is
     * stored, the vault has handled the poison and moved on.
     */
    private static void assertQuarantinedAndTheNextSnapshotStored(
            String claimed, SnapshotId id, String secret, String problem) throws Exception {
        String next = agent.snapshot("after " + id);
        TAKEN.add(next);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Invariant.listedIds(fleet, AGENT).contains(next));

        List<QuarantineTopic.Notice> notices = QuarantineTopic.about(fleet, id.toString());
        assertThat(notices).as("quarantined").isNotEmpty();
        assertThat(notices.getFirst().reason()).as("reason").contains(problem);
        for (QuarantineTopic.Notice notice : notices) {
            assertThat(notice.value()).as("quarantine value").isEmpty();
            assertThat(notice.header("cv-appliance")).isEqualTo(claimed);
            assertThat(notice.headers().values()).noneMatch(value -> value.contains(secret));
        }
        assertThat(Files.readString(fleet.vaultLog())).as("vault log").doesNotContain(secret);
        assertThat(fleet.vault("/api/v1/snapshots/" + id).statusCode()).isEqualTo(404);
        Invariant.storedOnceAndVerifies(fleet, claimed, List.of());
        Invariant.storedOnceAndVerifies(fleet, AGENT, TAKEN);
    }

    private static String secret() {
        return "SECRET-" + UUID.randomUUID();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}

package io.configvault.capture.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.command.SnapshotRequestHandler.Outcome;
import io.configvault.capture.snapshot.CaptureException;
import io.configvault.capture.snapshot.CapturedSnapshot;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.shared.command.SignedSnapshotCommand;
import io.configvault.shared.command.SnapshotCommand;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent acts only on a request signed by the pinned ingest key, for its own appliance and
 * fleet, not expired and not handled before (across restarts); it refuses forged, foreign,
 * expired and replayed requests without taking a snapshot.
 */
class SnapshotRequestHandlerTest {

    static final Instant NOW = Instant.parse("2026-11-23T18:10:00Z");
    static final char[] PASSPHRASE = "test-only".toCharArray();

    static PgpSecretKey ingest;
    static PgpSecretKey forger;

    @TempDir
    Path dir;

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final RecordingCapture capture = new RecordingCapture();
    SnapshotRequestHandler handler;

    @BeforeAll
    static void keys() throws Exception {
        var generated = OpenPgpKeys.generate("ingest-test-only", PASSPHRASE);
        ingest = OpenPgpKeys.readSecretKey(generated.armoredSecretKey(), PASSPHRASE);
        var other = OpenPgpKeys.generate("forger-test-only", PASSPHRASE);
        forger = OpenPgpKeys.readSecretKey(other.armoredSecretKey(), PASSPHRASE);
    }

    @BeforeEach
    void setUp() throws Exception {
        handler = handler();
    }

    private SnapshotRequestHandler handler() throws Exception {
        return new SnapshotRequestHandler("nas-1", "lab", ingest.publicKey(), capture,
                HandledRequests.open(dir), clock);
    }

    static SnapshotCommand command(String appliance, String fleet, Instant expires) {
        return new SnapshotCommand(SnapshotCommand.FORMAT,
                SnapshotId.mint(Clock.fixed(NOW.minusSeconds(600), ZoneOffset.UTC)), appliance,
                fleet, "before upgrade", NOW.minusSeconds(600), expires);
    }

    static SnapshotCommand valid() {
        return command("nas-1", "lab", NOW.plus(Duration.ofMinutes(50)));
    }

    @Test
    void aValidRequestTakesAManualSnapshotNamingIt() throws Exception {
        SnapshotCommand command = valid();

        Outcome outcome = handler.handle(key("nas-1"), SignedSnapshotCommand.sign(command,
                ingest));

        assertThat(outcome).isEqualTo(Outcome.TAKEN);
        assertThat(capture.taken).containsExactly("MANUAL before upgrade " + command.requestId());
    }

    @Test
    void recordsForOtherAppliancesAreSkippedUnread() throws Exception {
        assertThat(handler.handle(key("nas-2"), new byte[] {1, 2, 3})).isEqualTo(Outcome.SKIPPED);
        assertThat(handler.handle(null, new byte[0])).isEqualTo(Outcome.SKIPPED);
        assertThat(capture.taken).isEmpty();
    }

    @Test
    void aForgedRequestIsRefused() throws Exception {
        assertThat(handler.handle(key("nas-1"), SignedSnapshotCommand.sign(valid(), forger)))
                .isEqualTo(Outcome.REFUSED);
        assertThat(handler.handle(key("nas-1"), "{\"format\":1}".getBytes(
                StandardCharsets.UTF_8))).isEqualTo(Outcome.REFUSED);
        assertThat(handler.handle(key("nas-1"), null)).isEqualTo(Outcome.REFUSED);
        assertThat(capture.taken).isEmpty();
    }

    @Test
    void anotherAppliancesRequestUnderOurKeyIsRefused() throws Exception {
        byte[] signed = SignedSnapshotCommand.sign(command("nas-2", "lab",
                NOW.plusSeconds(60)), ingest);

        assertThat(handler.handle(key("nas-1"), signed)).isEqualTo(Outcome.REFUSED);
        assertThat(handler.handle(key("nas-1"), SignedSnapshotCommand.sign(
                command("nas-1", "prod", NOW.plusSeconds(60)), ingest)))
                .isEqualTo(Outcome.REFUSED);
        assertThat(capture.taken).isEmpty();
    }

    @Test
    void anExpiredRequestIsRefused() throws Exception {
        assertThat(handler.handle(key("nas-1"), SignedSnapshotCommand.sign(
                command("nas-1", "lab", NOW), ingest))).isEqualTo(Outcome.REFUSED);
        assertThat(capture.taken).isEmpty();
    }

    @Test
    void aReplayedRequestIsRefusedAlsoAfterARestart() throws Exception {
        byte[] signed = SignedSnapshotCommand.sign(valid(), ingest);
        handler.handle(key("nas-1"), signed);

        assertThat(handler.handle(key("nas-1"), signed)).isEqualTo(Outcome.REFUSED);
        assertThat(handler().handle(key("nas-1"), signed)).isEqualTo(Outcome.REFUSED);
        assertThat(capture.taken).hasSize(1);
    }

    @Test
    void aFailedCaptureIsNotRecordedAsHandled() throws Exception {
        byte[] signed = SignedSnapshotCommand.sign(valid(), ingest);
        capture.failing = true;

        assertThat(handler.handle(key("nas-1"), signed)).isEqualTo(Outcome.FAILED);
        capture.failing = false;
        assertThat(handler.handle(key("nas-1"), signed)).isEqualTo(Outcome.TAKEN);
    }

    @Test
    void theHandledIdsStayBoundedAndDropExpiredOnes() throws Exception {
        HandledRequests handled = HandledRequests.open(dir, 8);
        handled.add(SnapshotId.mint(clock), NOW.minusSeconds(1), NOW);
        assertThat(handled.size()).as("already expired").isZero();
        List<SnapshotId> ids = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            ids.add(SnapshotId.mint(clock));
            handled.add(ids.getLast(), NOW.plusSeconds(60 + i), NOW);
        }

        assertThat(handled.size()).isEqualTo(8);
        HandledRequests reopened = HandledRequests.open(dir, 8);
        assertThat(reopened.size()).isEqualTo(8);
        assertThat(reopened.contains(ids.getFirst())).as("soonest expiring dropped").isFalse();
        assertThat(reopened.contains(ids.getLast())).isTrue();
        Files.writeString(dir.resolve("handled-requests"), "garbage\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HandledRequests.open(dir))
                .hasMessageContaining("delete the file to start afresh");
    }

    @Test
    void thePartitionIsKafkasDefaultForTheKey() {
        // Known answers of Kafka's murmur2 default partitioner.
        assertThat(CommandListener.partitionFor("nas-1", 1)).isZero();
        int partition = CommandListener.partitionFor("nas-1", 12);
        assertThat(partition).isBetween(0, 11);
        assertThat(CommandListener.partitionFor("nas-1", 12)).isEqualTo(partition);
    }

    private static byte[] key(String appliance) {
        return appliance.getBytes(StandardCharsets.UTF_8);
    }

    /** Records "TRIGGER label requestId" per capture; fails every capture when told to. */
    static final class RecordingCapture implements SnapshotCapture {
        final List<String> taken = new ArrayList<>();
        boolean failing;

        @Override
        public CapturedSnapshot capture(Trigger trigger, String label, SnapshotId requestId)
                throws CaptureException {
            if (failing) {
                throw new CaptureException(CaptureException.Kind.FAILED, "Cannot capture", null);
            }
            taken.add(trigger + " " + label + " " + requestId);
            return new CapturedSnapshot(SnapshotId.mint(Clock.systemUTC()), taken.size(),
                    trigger, 1, 1);
        }
    }
}

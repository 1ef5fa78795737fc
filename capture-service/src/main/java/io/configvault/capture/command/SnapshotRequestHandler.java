package io.configvault.capture.command;

import io.configvault.capture.snapshot.CaptureException;
import io.configvault.capture.snapshot.CapturedSnapshot;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.status.LogFields;
import io.configvault.shared.command.SignedSnapshotCommand;
import io.configvault.shared.command.SnapshotCommand;
import io.configvault.shared.command.SnapshotCommandFormatException;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Acts on one command record: skips records keyed for other appliances; verifies the rest
 * against the pinned ingest key and refuses (logging why) a bad signature, a malformed document,
 * another appliance's or fleet's request, an expired one and a replayed request id; takes a
 * {@code MANUAL} snapshot with the request's label and id for the others. The id is recorded as
 * handled after the snapshot is in the outbox: a crash in between takes it again on redelivery
 * (at least once; the vault keeps the first). Not thread-safe: the listener's thread calls it.
 */
final class SnapshotRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRequestHandler.class);

    /** What became of a record. */
    enum Outcome { SKIPPED, TAKEN, REFUSED, FAILED }

    private final String applianceId;
    private final String fleet;
    private final PgpPublicKey ingestKey;
    private final SnapshotCapture capture;
    private final HandledRequests handled;
    private final Clock clock;

    SnapshotRequestHandler(String applianceId, String fleet, PgpPublicKey ingestKey,
                           SnapshotCapture capture, HandledRequests handled, Clock clock) {
        this.applianceId = applianceId;
        this.fleet = fleet;
        this.ingestKey = ingestKey;
        this.capture = capture;
        this.handled = handled;
        this.clock = clock;
    }

    /**
     * @throws IOException when the handled ids cannot be written (the snapshot was taken; the
     *                     caller retries the record, which takes another one)
     */
    Outcome handle(byte[] key, byte[] value) throws IOException {
        if (key == null || !applianceId.equals(new String(key, StandardCharsets.UTF_8))) {
            return Outcome.SKIPPED;
        }
        SnapshotCommand command;
        try {
            command = SignedSnapshotCommand.verify(value == null ? new byte[0] : value, ingestKey);
        } catch (OpenPgpException | SnapshotCommandFormatException e) {
            return refused("it is not a snapshot request signed by the vault's ingest key "
                    + ingestKey.fingerprint() + " (" + e.getMessage() + ")");
        }
        String what = "snapshot request " + command.requestId();
        if (!command.applianceId().equals(applianceId)) {
            return refused(what + " is for appliance "
                    + Identifiers.printable(command.applianceId()) + ", not this one ("
                    + applianceId + ")");
        }
        if (!command.fleet().equals(fleet)) {
            return refused(what + " is for fleet " + Identifiers.printable(command.fleet())
                    + ", this appliance is in " + fleet);
        }
        Instant now = clock.instant();
        if (!now.isBefore(command.expiresAt())) {
            return refused(what + " expired at " + command.expiresAt() + " (now " + now + ")");
        }
        if (handled.contains(command.requestId())) {
            return refused(what + " was handled before (a replay)");
        }
        try (MDC.MDCCloseable request = MDC.putCloseable(LogFields.REQUEST_ID,
                command.requestId().toString())) {
            CapturedSnapshot snapshot = capture.capture(Trigger.MANUAL, command.label(),
                    command.requestId());
            LOG.info("Took snapshot {} for {} (label {})", snapshot.snapshotId(), what,
                    command.label() == null ? "none" : "'" + command.label() + "'");
        } catch (CaptureException e) {
            LOG.error("Cannot take the snapshot for {}: {}; the request stays unfulfilled",
                    what, e.getMessage());
            return Outcome.FAILED;
        }
        handled.add(command.requestId(), command.expiresAt(), now);
        return Outcome.TAKEN;
    }

    private static Outcome refused(String why) {
        LOG.warn("Refused a command: {}", why);
        return Outcome.REFUSED;
    }
}

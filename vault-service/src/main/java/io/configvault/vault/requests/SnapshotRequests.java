package io.configvault.vault.requests;

import io.configvault.shared.command.SignedSnapshotCommand;
import io.configvault.shared.command.SnapshotCommand;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRequestCatalog;
import io.configvault.vault.catalog.SnapshotRequestRow;
import io.configvault.vault.config.SnapshotRequestSettings;
import io.configvault.vault.keys.VaultKeys;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues snapshot requests: mints the request id, records a row per appliance, signs a command
 * for each with the ingest key and publishes it. Rows are written before their commands are
 * published, so a snapshot can never arrive for a request the catalog does not know; a fleet is
 * worked through in pages of {@value #PAGE} appliances, never read whole. Thread-safe.
 */
@Singleton
public final class SnapshotRequests {

    static final int PAGE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRequests.class);

    private final SnapshotRequestCatalog catalog;
    private final CommandPublisher publisher;
    private final VaultKeys keys;
    private final SnapshotRequestSettings settings;
    private final Clock clock;

    public SnapshotRequests(SnapshotRequestCatalog catalog, CommandPublisher publisher,
                            VaultKeys keys, SnapshotRequestSettings settings, Clock clock) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** What was issued: the request id and how many appliances it was sent to. */
    public record Issued(SnapshotId requestId, int appliances) {
    }

    /**
     * Requests a snapshot of one appliance of {@code fleet}.
     *
     * @throws CommandPublisher.CommandPublishException the row is recorded, but the command was
     *                                                  not published (the request stays pending
     *                                                  until it expires)
     */
    public Issued forAppliance(String applianceId, String fleet, String label, String by)
            throws CatalogException, CommandPublisher.CommandPublishException {
        Instant now = clock.instant();
        SnapshotId id = SnapshotId.mint(clock);
        issue(List.of(applianceId), id, fleet, SnapshotRequestRow.APPLIANCE_SCOPE, label, by,
                now);
        return new Issued(id, 1);
    }

    /**
     * Requests a snapshot of every appliance enrolled in {@code fleet}.
     *
     * @return the request, or one for 0 appliances when the fleet has none (nothing is written)
     */
    public Issued forFleet(String fleet, String label, String by)
            throws CatalogException, CommandPublisher.CommandPublishException {
        Instant now = clock.instant();
        SnapshotId id = SnapshotId.mint(clock);
        int count = 0;
        String after = null;
        List<String> page;
        do {
            page = catalog.fleetAppliances(fleet, after, PAGE);
            if (!page.isEmpty()) {
                issue(page, id, fleet, SnapshotRequestRow.FLEET_SCOPE, label, by, now);
                count += page.size();
                after = page.getLast();
            }
        } while (page.size() == PAGE);
        return new Issued(id, count);
    }

    private void issue(List<String> appliances, SnapshotId id, String fleet, String scope,
                       String label, String by, Instant now)
            throws CatalogException, CommandPublisher.CommandPublishException {
        Instant expires = now.plus(settings.ttl());
        List<CommandPublisher.Command> commands = new ArrayList<>(appliances.size());
        for (String appliance : appliances) {
            catalog.addSnapshotRequest(new SnapshotRequestRow(id, appliance, fleet, scope, label,
                    now, by, expires, null, null));
            SnapshotCommand command = new SnapshotCommand(SnapshotCommand.FORMAT, id, appliance,
                    fleet, label, now, expires);
            try {
                commands.add(new CommandPublisher.Command(appliance,
                        SignedSnapshotCommand.sign(command, keys.ingest())));
            } catch (OpenPgpException e) {
                // An unlocked Ed25519 key always signs; failing here is a bug, not an outage.
                throw new IllegalStateException("Cannot sign snapshot request " + id
                        + " with the ingest key: " + e.getMessage(), e);
            }
        }
        publisher.publish(commands);
        LOG.info("Snapshot request {} published to {} appliance(s) of fleet {} (expires {})",
                id, appliances.size(), fleet, expires);
    }
}

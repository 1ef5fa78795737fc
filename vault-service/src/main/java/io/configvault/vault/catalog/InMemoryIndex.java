package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Catalog} in memory, for {@link InMemoryCatalog}. */
final class InMemoryIndex implements Catalog {

    private final InMemoryState state;
    private final Map<String, EnrolmentToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, ApplianceSeen> seen = new ConcurrentHashMap<>();
    private final Map<Partition, Long> positions = new ConcurrentHashMap<>();

    private record Partition(String topic, int partition) {
    }

    InMemoryIndex(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void enrol(Appliance appliance) {
        synchronized (state) {
            Appliance previous = state.appliances.putIfAbsent(appliance.id(), appliance);
            if (previous != null && !previous.fingerprint().equals(appliance.fingerprint())) {
                throw new IllegalStateException(SqliteIndex.rekeyRefused(appliance.id()));
            }
        }
    }

    @Override
    public void addEnrolmentToken(EnrolmentToken token) {
        if (tokens.putIfAbsent(token.hash(), token) != null) {
            throw new IllegalStateException(SqliteIndex.duplicateToken());
        }
    }

    @Override
    public Optional<EnrolmentToken> enrolmentToken(String tokenHash) {
        return Optional.ofNullable(tokens.get(tokenHash));
    }

    /** Serialised with {@link #enrol}, so the check and the writes are one step. */
    @Override
    public Redemption redeem(TokenRedemption request) {
        synchronized (state) {
            EnrolmentToken token = tokens.get(request.tokenHash());
            Redemption outcome = Redemptions.decide(token,
                    state.appliances.get(request.applianceId()), request);
            switch (outcome) {
                case Redemption.Enrolled enrolled -> state.appliances.put(request.applianceId(),
                        enrolled.appliance());
                case Redemption.Rekeyed rekeyed -> state.appliances.put(request.applianceId(),
                        rekeyed.appliance());
                case Redemption.Confirmed confirmed -> {
                }
                case Redemption.Refused refused -> {
                    return refused;
                }
            }
            if (token.usedAt() == null) {
                tokens.put(token.hash(), new EnrolmentToken(token.hash(), token.purpose(),
                        token.fleet(), token.applianceId(), token.issuedAt(), token.expiresAt(),
                        request.at(), request.applianceId()));
            }
            return outcome;
        }
    }

    @Override
    public Optional<Appliance> appliance(String applianceId) {
        return Optional.ofNullable(state.appliances.get(applianceId));
    }

    @Override
    public boolean insert(SnapshotRecord snapshot) throws CatalogException {
        synchronized (state) {
            if (state.snapshots.containsKey(snapshot.id())) {
                return false;
            }
            for (SnapshotRecord other : state.snapshots.values()) {
                if (other.objectKey().equals(snapshot.objectKey())) {
                    // As SQLite's UNIQUE constraint on object_key would.
                    throw new CatalogException("Cannot record snapshot " + snapshot.id()
                            + ": object key taken by snapshot " + other.id(), null);
                }
            }
            state.snapshots.put(snapshot.id(), snapshot);
            return true;
        }
    }

    /** Serialised with the other writers: the row and the position change together. */
    @Override
    public boolean insert(SnapshotRecord snapshot, ConsumedPosition after)
            throws CatalogException {
        synchronized (state) {
            boolean inserted = insert(snapshot);
            positions.merge(new Partition(after.topic(), after.partition()),
                    after.nextOffset(), Math::max);
            return inserted;
        }
    }

    @Override
    public OptionalLong consumedPosition(String topic, int partition) {
        Long position = positions.get(new Partition(topic, partition));
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    @Override
    public Optional<SnapshotRecord> snapshot(SnapshotId id) {
        synchronized (state) {
            return state.liveSnapshot(id);
        }
    }

    @Override
    public Optional<SnapshotRecord> recorded(SnapshotId id) {
        synchronized (state) {
            return Optional.ofNullable(state.snapshots.get(id));
        }
    }

    @Override
    public List<SnapshotRecord> snapshots(String applianceId, int limit) {
        synchronized (state) {
            return state.newestFirst(applianceId, limit);
        }
    }

    @Override
    public boolean recordSeen(ApplianceSeen update) {
        ApplianceSeen truncated = new ApplianceSeen(update.applianceId(),
                Instant.ofEpochMilli(update.lastSeenAt().toEpochMilli()),
                update.lastSnapshotId(), update.contentDigest());
        return seen.merge(update.applianceId(), truncated,
                (old, next) -> next.lastSeenAt().isAfter(old.lastSeenAt()) ? next : old)
                == truncated;
    }

    @Override
    public Optional<ApplianceSeen> seen(String applianceId) {
        return Optional.ofNullable(seen.get(applianceId));
    }
}

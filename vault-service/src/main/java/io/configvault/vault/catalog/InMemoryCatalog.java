package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.Candidate;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@link Catalog}, {@link VerificationLog}, {@link PolicyCatalog}, {@link PruneCatalog},
 * {@link AuditLog}, {@link ApiTokenCatalog} (through {@link InMemoryApiTokens}),
 * {@link FleetCatalog} and {@link SnapshotRequestCatalog} in memory, for unit tests. Thread-safe.
 */
public final class InMemoryCatalog implements Catalog, VerificationLog, PolicyCatalog,
        PruneCatalog, AuditLog, ApiTokenCatalog, FleetCatalog, SnapshotRequestCatalog {

    private final Map<String, Appliance> appliances = new ConcurrentHashMap<>();
    private final Map<SnapshotId, SnapshotRecord> snapshots = new ConcurrentHashMap<>();
    private final Map<String, EnrolmentToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, ApplianceSeen> seen = new ConcurrentHashMap<>();
    private final Map<SnapshotId, Verification> verifications = new ConcurrentHashMap<>();
    private final Map<Partition, Long> positions = new ConcurrentHashMap<>();
    private final Map<String, StoredPolicy> policies = new ConcurrentHashMap<>();
    private final Map<SnapshotId, Hold> holds = new ConcurrentHashMap<>();
    /** Tombstone time of each tombstoned snapshot (its row stays in {@link #snapshots}). */
    private final Map<SnapshotId, Instant> tombstones = new ConcurrentHashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private final InMemoryApiTokens apiTokens = new InMemoryApiTokens();
    private final Map<String, ApplianceError> refusals = new ConcurrentHashMap<>();
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final Map<SnapshotId, StoredManifest> manifests = new ConcurrentHashMap<>();
    /** Snapshot request rows by request id, then appliance id. */
    private final Map<SnapshotId, TreeMap<String, SnapshotRequestRow>> requests =
            new ConcurrentHashMap<>();
    private Instant lastPass;
    private AuditExport exported = AuditExport.NONE;
    /** The last seq given out; like AUTOINCREMENT, erasing records does not lower it. */
    private long auditSeq;

    private static final Comparator<SnapshotRecord> NEWEST_FIRST = Comparator
            .comparing(SnapshotRecord::capturedAt).thenComparing(SnapshotRecord::id).reversed();

    private record Partition(String topic, int partition) {
    }

    private record Agent(Instant signedAt, String version) {
    }

    /** As SQLite orders the fleet view's pages: capture millisecond, then id, newest first. */
    private static final Comparator<SnapshotRecord> NEWEST_MS_FIRST = Comparator
            .comparing((SnapshotRecord s) -> s.capturedAt().toEpochMilli())
            .thenComparing(s -> s.id().toString()).reversed();

    @Override
    public synchronized void enrol(Appliance appliance) {
        Appliance previous = appliances.putIfAbsent(appliance.id(), appliance);
        if (previous != null && !previous.fingerprint().equals(appliance.fingerprint())) {
            throw new IllegalStateException(SqliteCatalog.rekeyRefused(appliance.id()));
        }
    }

    @Override
    public void addEnrolmentToken(EnrolmentToken token) {
        if (tokens.putIfAbsent(token.hash(), token) != null) {
            throw new IllegalStateException(SqliteCatalog.duplicateToken());
        }
    }

    @Override
    public Optional<EnrolmentToken> enrolmentToken(String tokenHash) {
        return Optional.ofNullable(tokens.get(tokenHash));
    }

    /** Serialised with {@link #enrol}, so the check and the writes are one step. */
    @Override
    public synchronized Redemption redeem(TokenRedemption request) {
        EnrolmentToken token = tokens.get(request.tokenHash());
        Redemption outcome = Redemptions.decide(token, appliances.get(request.applianceId()),
                request);
        switch (outcome) {
            case Redemption.Enrolled enrolled -> appliances.put(request.applianceId(),
                    enrolled.appliance());
            case Redemption.Rekeyed rekeyed -> appliances.put(request.applianceId(),
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

    @Override
    public Optional<Appliance> appliance(String applianceId) {
        return Optional.ofNullable(appliances.get(applianceId));
    }

    @Override
    public synchronized boolean insert(SnapshotRecord snapshot) throws CatalogException {
        SnapshotRecord previous = snapshots.get(snapshot.id());
        if (previous != null) {
            return false;
        }
        for (SnapshotRecord other : snapshots.values()) {
            if (other.objectKey().equals(snapshot.objectKey())) {
                // As SQLite's UNIQUE constraint on object_key would.
                throw new CatalogException("Cannot record snapshot " + snapshot.id()
                        + ": object key taken by snapshot " + other.id(), null);
            }
        }
        snapshots.put(snapshot.id(), snapshot);
        return true;
    }

    /** Serialised with the other writers: the row and the position change together. */
    @Override
    public synchronized boolean insert(SnapshotRecord snapshot, ConsumedPosition after)
            throws CatalogException {
        boolean inserted = insert(snapshot);
        positions.merge(new Partition(after.topic(), after.partition()), after.nextOffset(),
                Math::max);
        return inserted;
    }

    @Override
    public OptionalLong consumedPosition(String topic, int partition) {
        Long position = positions.get(new Partition(topic, partition));
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    @Override
    public synchronized Optional<SnapshotRecord> snapshot(SnapshotId id) {
        return Optional.ofNullable(snapshots.get(id)).filter(this::live);
    }

    @Override
    public synchronized Optional<SnapshotRecord> recorded(SnapshotId id) {
        return Optional.ofNullable(snapshots.get(id));
    }

    @Override
    public synchronized List<SnapshotRecord> snapshots(String applianceId, int limit) {
        return live().filter(s -> s.applianceId().equals(applianceId))
                .sorted(NEWEST_FIRST).limit(limit).toList();
    }

    private boolean live(SnapshotRecord snapshot) {
        return !tombstones.containsKey(snapshot.id());
    }

    private Stream<SnapshotRecord> live() {
        return snapshots.values().stream().filter(this::live);
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

    @Override
    public void recordVerification(Verification v) {
        verifications.put(v.snapshotId(), new Verification(v.snapshotId(),
                Instant.ofEpochMilli(v.verifiedAt().toEpochMilli()), v.outcome(), v.trigger(),
                v.evidence()));
    }

    @Override
    public Optional<Verification> latestVerification(SnapshotId snapshotId) {
        return Optional.ofNullable(verifications.get(snapshotId));
    }

    @Override
    public synchronized List<SnapshotRecord> dueForVerification(int limit) {
        return live()
                .sorted(Comparator.comparing(this::due).thenComparing(SnapshotRecord::id))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<SnapshotRecord> newestNotVerifiedSince(Instant since, int limit) {
        Instant cutoff = Instant.ofEpochMilli(since.toEpochMilli());
        return live().map(SnapshotRecord::applianceId).distinct().sorted()
                .map(appliance -> snapshots(appliance, 1).getFirst())
                .filter(s -> latestVerification(s.id())
                        .map(v -> v.verifiedAt().isBefore(cutoff)).orElse(true))
                .limit(limit).toList();
    }

    @Override
    public synchronized long snapshotCount() {
        return live().count();
    }

    @Override
    public synchronized long failingVerificationCount() {
        return verifications.values().stream()
                .filter(v -> !v.ok() && snapshot(v.snapshotId()).isPresent()).count();
    }

    /** Latest verification time, else storage time; to the millisecond like SQLite. */
    private Instant due(SnapshotRecord snapshot) {
        return latestVerification(snapshot.id()).map(Verification::verifiedAt)
                .orElse(Instant.ofEpochMilli(snapshot.storedAt().toEpochMilli()));
    }

    // --- retention policies and holds (PolicyCatalog) ---

    @Override
    public synchronized void putPolicy(StoredPolicy policy) {
        policies.put(policy.scope().key(), policy);
    }

    @Override
    public synchronized Optional<StoredPolicy> policy(PolicyScope scope) {
        return Optional.ofNullable(policies.get(scope.key()));
    }

    @Override
    public synchronized List<StoredPolicy> policies() {
        return policies.values().stream().sorted(Comparator.comparing((StoredPolicy p) ->
                switch (p.scope()) {
                    case PolicyScope.Vault vault -> 0;
                    case PolicyScope.Fleet fleet -> 1;
                    case PolicyScope.Appliance appliance -> 2;
                }).thenComparing(p -> p.scope().key())).toList();
    }

    @Override
    public synchronized boolean deletePolicy(PolicyScope scope) {
        return policies.remove(scope.key()) != null;
    }

    @Override
    public synchronized boolean hold(Hold hold) {
        if (!snapshots.containsKey(hold.snapshotId())
                || tombstones.containsKey(hold.snapshotId())) {
            return false;
        }
        holds.put(hold.snapshotId(), hold);
        return true;
    }

    @Override
    public synchronized boolean release(SnapshotId snapshot) {
        return holds.remove(snapshot) != null;
    }

    @Override
    public synchronized Optional<Hold> holdOf(SnapshotId snapshot) {
        return Optional.ofNullable(holds.get(snapshot));
    }

    // --- the prune pass (PruneCatalog) ---

    @Override
    public synchronized List<ApplianceRef> appliancesWithSnapshots(@Nullable String afterId,
                                                                   int limit) {
        Map<String, SnapshotRecord> newest = new TreeMap<>();
        live().filter(s -> afterId == null || s.applianceId().compareTo(afterId) > 0)
                .forEach(s -> newest.merge(s.applianceId(), s,
                        (a, b) -> NEWEST_FIRST.compare(a, b) <= 0 ? a : b));
        return newest.values().stream().limit(limit)
                .map(s -> new ApplianceRef(s.applianceId(), s.fleet())).toList();
    }

    @Override
    public synchronized List<Candidate> candidates(String applianceId) {
        return snapshots(applianceId, Integer.MAX_VALUE).stream().map(s -> new Candidate(s.id(),
                s.sequence(), s.trigger(), s.capturedAt(), s.storedAt(), s.timeZone(),
                holds.containsKey(s.id()),
                latestVerification(s.id()).map(Verification::ok).orElse(false),
                s.retainUntil() == null ? null : Instant.ofEpochMilli(
                        s.retainUntil().toEpochMilli()))).toList();
    }

    @Override
    public synchronized List<SnapshotRecord> tombstone(List<Deletion> deletions, Instant at) {
        List<SnapshotRecord> done = new ArrayList<>();
        for (Deletion deletion : deletions) {
            SnapshotRecord row = snapshots.get(deletion.id());
            if (row == null || !live(row) || holds.containsKey(row.id())
                    || row.retainUntil() != null && row.retainUntil().isAfter(at)) {
                continue;
            }
            tombstones.put(row.id(), Instant.ofEpochMilli(at.toEpochMilli()));
            audit(at, deletion.actor(), DELETE_ACTION, row.id().toString(), "ok",
                    deletion.detail(), INTERNAL);
            done.add(row);
        }
        return done;
    }

    @Override
    public synchronized List<SnapshotRecord> tombstoned(int limit) {
        return tombstones.entrySet().stream()
                .sorted(Map.Entry.<SnapshotId, Instant>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(e -> snapshots.get(e.getKey())).toList();
    }

    @Override
    public synchronized int purge(List<SnapshotId> ids) {
        int purged = 0;
        for (SnapshotId id : ids) {
            if (tombstones.remove(id) != null) {
                snapshots.remove(id);
                verifications.remove(id);
                holds.remove(id);
                manifests.remove(id);
                purged++;
            }
        }
        return purged;
    }

    @Override
    public synchronized Optional<Instant> newestStoredAt() {
        return snapshots.values().stream().map(s -> Instant.ofEpochMilli(
                s.storedAt().toEpochMilli())).max(Comparator.naturalOrder());
    }

    @Override
    public synchronized Optional<Instant> lastPassAt() {
        return Optional.ofNullable(lastPass);
    }

    @Override
    public synchronized void recordPass(Instant startedAt) {
        Instant millis = Instant.ofEpochMilli(startedAt.toEpochMilli());
        if (lastPass == null || millis.isAfter(lastPass)) {
            lastPass = millis;
        }
    }

    // --- the fleet view (FleetCatalog) ---

    @Override
    public synchronized List<Appliance> appliances(@Nullable String afterId,
                                                   @Nullable Set<String> fleets, int limit) {
        return appliances.values().stream()
                .filter(a -> afterId == null || a.id().compareTo(afterId) > 0)
                .filter(a -> fleets == null || fleets.contains(a.fleet()))
                .sorted(Comparator.comparing(Appliance::id)).limit(limit).toList();
    }

    @Override
    public synchronized boolean recordRefusal(ApplianceError error) {
        if (!appliances.containsKey(error.applianceId())) {
            return false;
        }
        refusals.put(error.applianceId(), new ApplianceError(error.applianceId(),
                Instant.ofEpochMilli(error.at().toEpochMilli()), error.category(),
                error.reason()));
        return true;
    }

    @Override
    public Optional<ApplianceError> lastRefusal(String applianceId) {
        return Optional.ofNullable(refusals.get(applianceId));
    }

    @Override
    public void recordAgent(String applianceId, Instant signedAt, String agentVersion) {
        Agent next = new Agent(Instant.ofEpochMilli(signedAt.toEpochMilli()), agentVersion);
        agents.merge(applianceId, next,
                (old, candidate) -> candidate.signedAt().isAfter(old.signedAt()) ? candidate : old);
    }

    @Override
    public Optional<String> agentVersion(String applianceId) {
        return Optional.ofNullable(agents.get(applianceId)).map(Agent::version);
    }

    @Override
    public synchronized List<SnapshotRecord> snapshots(String applianceId, SnapshotFilter f,
                                                       int limit) {
        return live().filter(s -> s.applianceId().equals(applianceId))
                .filter(s -> f.from() == null
                        || s.capturedAt().toEpochMilli() >= f.from().toEpochMilli())
                .filter(s -> f.to() == null
                        || s.capturedAt().toEpochMilli() < f.to().toEpochMilli())
                .filter(s -> f.trigger() == null || s.trigger() == f.trigger())
                .filter(s -> f.label() == null || f.label().equals(s.label()))
                .filter(s -> f.after() == null || before(s, f.after()))
                .sorted(NEWEST_MS_FIRST).limit(limit).toList();
    }

    private static boolean before(SnapshotRecord s, SnapshotFilter.Position after) {
        long ms = s.capturedAt().toEpochMilli();
        return ms < after.capturedAtMs() || ms == after.capturedAtMs()
                && s.id().toString().compareTo(after.id().toString()) < 0;
    }

    @Override
    public void putManifest(SnapshotId snapshotId, StoredManifest manifest) {
        manifests.putIfAbsent(snapshotId, manifest);
    }

    @Override
    public Optional<StoredManifest> manifest(SnapshotId snapshotId) {
        return Optional.ofNullable(manifests.get(snapshotId));
    }

    // --- the audit log (AuditLog) ---

    @Override
    public synchronized void audit(Instant at, String actor, String action, String target,
                                   String outcome, String detail, String source) {
        long seq = ++auditSeq;
        Instant millis = Instant.ofEpochMilli(at.toEpochMilli());
        String prev = audit.isEmpty() ? AuditChain.GENESIS : audit.getLast().hash();
        audit.add(new AuditRecord(seq, millis, actor, action, target, outcome, detail, source,
                prev, AuditChain.hash(seq, millis, actor, action, target, outcome, detail,
                source, prev)));
    }

    @Override
    public synchronized List<AuditRecord> recentAudit(int limit) {
        return audit.reversed().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<AuditRecord> auditPage(AuditQuery query) {
        return audit.reversed().stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public synchronized List<AuditRecord> auditAfter(long afterSeq, int limit) {
        return audit.stream().filter(r -> r.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public synchronized AuditExport auditExported() {
        return exported;
    }

    @Override
    public synchronized void recordAuditExport(AuditExport export) {
        if (export.seq() > exported.seq()) {
            exported = export;
        }
    }

    /**
     * Replaces record {@code seq} as stored, as a hand outside the vault could edit the SQLite
     * file: for tests of the chain's verifier.
     */
    public synchronized void tamper(long seq, UnaryOperator<AuditRecord> edit) {
        audit.replaceAll(r -> r.seq() == seq ? edit.apply(r) : r);
    }

    /** Removes record {@code seq}, as a hand outside the vault could: for verifier tests. */
    public synchronized void erase(long seq) {
        audit.removeIf(r -> r.seq() == seq);
    }

    // --- the operator API's bearer tokens (ApiTokenCatalog) ---

    @Override
    public boolean addApiToken(ApiToken token) {
        return apiTokens.addApiToken(token);
    }

    @Override
    public Optional<ApiToken> apiTokenByHash(String hash) {
        return apiTokens.apiTokenByHash(hash);
    }

    @Override
    public Optional<ApiToken> apiToken(String id) {
        return apiTokens.apiToken(id);
    }

    @Override
    public List<ApiToken> apiTokens(@Nullable String afterId, int limit) {
        return apiTokens.apiTokens(afterId, limit);
    }

    @Override
    public boolean noApiTokens() {
        return apiTokens.noApiTokens();
    }

    @Override
    public Revocation revokeApiToken(String id, Instant at) {
        return apiTokens.revokeApiToken(id, at);
    }

    // --- snapshot requests (SnapshotRequestCatalog) ---

    @Override
    public synchronized boolean addSnapshotRequest(SnapshotRequestRow row) {
        return requests.computeIfAbsent(row.requestId(), id -> new TreeMap<>())
                .putIfAbsent(row.applianceId(), row) == null;
    }

    @Override
    public synchronized boolean fulfil(SnapshotId requestId, String applianceId,
                                       SnapshotId snapshot, Instant at) {
        TreeMap<String, SnapshotRequestRow> rows = requests.get(requestId);
        SnapshotRequestRow row = rows == null ? null : rows.get(applianceId);
        if (row == null || row.fulfilledBy() != null) {
            return false;
        }
        rows.put(applianceId, row.fulfilled(snapshot, at));
        return true;
    }

    @Override
    public synchronized List<SnapshotRequestRow> snapshotRequest(
            SnapshotId requestId, @Nullable String afterAppliance, int limit) {
        TreeMap<String, SnapshotRequestRow> rows = requests.get(requestId);
        if (rows == null) {
            return List.of();
        }
        return rows.tailMap(afterAppliance == null ? "" : afterAppliance, false).values()
                .stream().limit(limit).toList();
    }

    @Override
    public synchronized Progress snapshotRequestProgress(SnapshotId requestId) {
        TreeMap<String, SnapshotRequestRow> rows = requests.getOrDefault(requestId,
                new TreeMap<>());
        return new Progress(rows.size(), (int) rows.values().stream()
                .filter(row -> row.fulfilledBy() != null).count());
    }

    @Override
    public synchronized List<String> fleetAppliances(String fleet, @Nullable String after,
                                                     int limit) {
        return appliances.values().stream().filter(a -> a.fleet().equals(fleet))
                .map(Appliance::id).filter(id -> after == null || id.compareTo(after) > 0)
                .sorted().limit(limit).toList();
    }
}

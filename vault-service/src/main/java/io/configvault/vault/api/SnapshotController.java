package io.configvault.vault.api;

import io.configvault.shared.bundle.BundleFormatException;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.EntryNames;
import io.configvault.shared.snapshot.Identifiers;
import io.configvault.vault.LogFields;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.FleetCatalog;
import io.configvault.vault.catalog.SnapshotFilter;
import io.configvault.vault.catalog.Verification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.Optional;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.VerificationLog;
import io.configvault.vault.retrieve.IntegrityException;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.retrieve.VerifiedBundle;
import io.configvault.vault.store.StoreException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Listing (newest first, filtered, paged by an opaque cursor, with each snapshot's latest restore
 * drill and hold), detail (with the manifest) and verified download of snapshots. Another fleet's
 * appliance or snapshot answers exactly as an unknown one ({@link FleetGuard}, the attempt
 * audited as {@code denied}); every answer is audited ({@link Audited}) before its bytes leave.
 * Blocking work runs on the I/O pool.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SnapshotController {

    private static final int MAX_PAGE = 1000;

    private final Catalog catalog;
    private final VerificationLog verifications;
    private final PolicyCatalog holds;
    private final SnapshotRetriever retriever;
    private final FleetGuard guard;
    private final FleetCatalog fleet;
    private final SnapshotManifests manifests;

    SnapshotController(Catalog catalog, VerificationLog verifications, PolicyCatalog holds,
                       SnapshotRetriever retriever, FleetGuard guard, FleetCatalog fleet,
                       SnapshotManifests manifests) {
        this.catalog = catalog;
        this.verifications = verifications;
        this.holds = holds;
        this.retriever = retriever;
        this.guard = guard;
        this.fleet = fleet;
        this.manifests = manifests;
    }

    @Allowed(Role.VIEWER)
    @Audited(value = "snapshot.list", target = "applianceId")
    @Get("/appliances/{applianceId}/snapshots")
    SnapshotView.Page list(@PathVariable String applianceId, HttpRequest<?> request,
                           @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                           @Nullable @QueryValue String trigger,
                           @Nullable @QueryValue String label,
                           @Nullable @QueryValue String cursor,
                           @QueryValue(defaultValue = "100") int limit) throws CatalogException {
        if (!Identifiers.isName(applianceId)) {
            throw ApiProblem.badRequest("Invalid appliance id.");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_PAGE + ".");
        }
        SnapshotFilter filter = SnapshotQuery.filter(from, to, trigger, label, cursor);
        ApiProblem missing = ApplianceController.notFound(applianceId);
        Appliance appliance = catalog.appliance(applianceId).orElseThrow(() -> missing);
        guard.require(request, appliance.fleet(), "snapshot.list", applianceId, missing);
        List<SnapshotRecord> rows = fleet.snapshots(applianceId, filter, limit);
        List<SnapshotView> items = new ArrayList<>(rows.size());
        for (SnapshotRecord snapshot : rows) {
            items.add(view(snapshot));
        }
        String next = rows.size() < limit ? null
                : SnapshotCursor.encode(SnapshotFilter.Position.of(rows.getLast()));
        return new SnapshotView.Page(items, next);
    }

    @Allowed(Role.VIEWER)
    @Audited(value = "snapshot.read", target = "snapshotId")
    @Get("/snapshots/{snapshotId}")
    SnapshotDetailView show(@PathVariable String snapshotId, HttpRequest<?> request)
            throws CatalogException, StoreException, IOException {
        SnapshotRecord snapshot = find(snapshotId, request, "snapshot.read");
        Optional<Verification> drill = verifications.latestVerification(snapshot.id());
        SnapshotManifests.Found manifest = manifests.of(snapshot);
        return SnapshotDetailView.of(SnapshotView.of(snapshot, drill, holds.holdOf(snapshot.id())),
                manifest.source(), manifest.manifest(),
                drill.map(VerificationView::of).orElse(null));
    }

    @Allowed(Role.OPERATOR)
    @Audited(value = "snapshot.download", target = "snapshotId")
    @Throttled
    @Get("/snapshots/{snapshotId}/content")
    HttpResponse<StreamedFile> content(@PathVariable String snapshotId, HttpRequest<?> request)
            throws Exception {
        SnapshotRecord snapshot = find(snapshotId, request, "snapshot.download");
        VerifiedBundle bundle = retrieve(snapshot);
        return download(new StreamedFile(bundle.open(), MediaType.of("application/x-tar"))
                .attach(snapshot.id() + ".tar"));
    }

    /** Documented by hand in src/main/openapi/entries.yml: the processor drops {+name}. */
    @Hidden
    @Allowed(Role.OPERATOR)
    @Audited(value = "snapshot.entry", target = "snapshotId", detail = "name")
    @Throttled
    @Get("/snapshots/{snapshotId}/entries/{+name}")
    HttpResponse<StreamedFile> entry(@PathVariable String snapshotId, @PathVariable String name,
                                     HttpRequest<?> request) throws Exception {
        String problem = EntryNames.problem(name);
        if (problem != null) {
            throw ApiProblem.badRequest("Invalid entry name: " + problem + ".");
        }
        SnapshotRecord snapshot = find(snapshotId, request, "snapshot.entry");
        VerifiedBundle bundle = retrieve(snapshot);
        Path entry = Files.createTempFile(bundle.file().getParent(), "entry-", ".bin");
        try (InputStream in = bundle.open()) {
            if (bundle.manifest().entry(name).isEmpty()) {
                throw ApiProblem.notFound("Snapshot " + snapshot.id() + " has no entry " + name
                        + ".");
            }
            BundleReader.read(in, BundleLimits.DEFAULT, (e, content) -> {
                if (e.name().equals(name)) {
                    Files.copy(content, entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            });
            InputStream stream = new VerifiedBundle(bundle.manifest(), entry, 0).open();
            return download(new StreamedFile(stream, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .attach(name.substring(name.lastIndexOf('/') + 1)));
        } catch (ApiProblem | BundleFormatException | IOException e) {
            Files.deleteIfExists(entry);
            throw e;
        }
    }

    private SnapshotRecord find(String snapshotId, HttpRequest<?> request, String action)
            throws CatalogException {
        return SnapshotLookup.find(catalog, snapshotId, guard, request, action);
    }

    private SnapshotView view(SnapshotRecord snapshot) throws CatalogException {
        return SnapshotView.of(snapshot, verifications.latestVerification(snapshot.id()),
                holds.holdOf(snapshot.id()));
    }

    private VerifiedBundle retrieve(SnapshotRecord snapshot) throws IOException, StoreException {
        try (var fields = LogFields.of(snapshot.applianceId(), snapshot.id().toString(),
                snapshot.fleet())) {
            return retriever.retrieve(snapshot);
        } catch (IntegrityException e) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Integrity Check Failed",
                    "Snapshot " + snapshot.id() + " failed verification; nothing was released.");
        }
    }

    private static HttpResponse<StreamedFile> download(StreamedFile file) {
        return HttpResponse.ok(file).header("Cache-Control", "no-store");
    }
}

package io.configvault.vault.api;

import io.configvault.shared.bundle.BundleFormatException;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.EntryNames;
import io.configvault.shared.snapshot.Identifiers;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.VerificationLog;
import io.configvault.vault.retrieve.IntegrityException;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.retrieve.VerifiedBundle;
import io.configvault.vault.store.StoreException;
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
 * Listing (with each snapshot's latest restore drill and hold) and verified download of
 * snapshots.
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

    SnapshotController(Catalog catalog, VerificationLog verifications, PolicyCatalog holds,
                       SnapshotRetriever retriever) {
        this.catalog = catalog;
        this.verifications = verifications;
        this.holds = holds;
        this.retriever = retriever;
    }

    @Allowed(Role.VIEWER)
    @Get("/appliances/{applianceId}/snapshots")
    SnapshotView.Page list(@PathVariable String applianceId,
                           @QueryValue(defaultValue = "100") int limit) throws CatalogException {
        if (!Identifiers.isName(applianceId)) {
            throw ApiProblem.badRequest("Invalid appliance id.");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_PAGE + ".");
        }
        if (catalog.appliance(applianceId).isEmpty()) {
            throw ApiProblem.notFound("No appliance " + applianceId + ".");
        }
        List<SnapshotView> items = new ArrayList<>();
        for (SnapshotRecord snapshot : catalog.snapshots(applianceId, limit)) {
            items.add(view(snapshot));
        }
        return new SnapshotView.Page(items);
    }

    @Allowed(Role.VIEWER)
    @Get("/snapshots/{snapshotId}")
    SnapshotView show(@PathVariable String snapshotId) throws CatalogException {
        return view(find(snapshotId));
    }

    @Allowed(Role.OPERATOR)
    @Get("/snapshots/{snapshotId}/content")
    HttpResponse<StreamedFile> content(@PathVariable String snapshotId) throws Exception {
        SnapshotRecord snapshot = find(snapshotId);
        VerifiedBundle bundle = retrieve(snapshot);
        return download(new StreamedFile(bundle.open(), MediaType.of("application/x-tar"))
                .attach(snapshot.id() + ".tar"));
    }

    /** Documented by hand in src/main/openapi/entries.yml: the processor drops {+name}. */
    @Hidden
    @Allowed(Role.OPERATOR)
    @Get("/snapshots/{snapshotId}/entries/{+name}")
    HttpResponse<StreamedFile> entry(@PathVariable String snapshotId, @PathVariable String name)
            throws Exception {
        String problem = EntryNames.problem(name);
        if (problem != null) {
            throw ApiProblem.badRequest("Invalid entry name: " + problem + ".");
        }
        SnapshotRecord snapshot = find(snapshotId);
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

    private SnapshotRecord find(String snapshotId) throws CatalogException {
        return SnapshotLookup.find(catalog, snapshotId);
    }

    private SnapshotView view(SnapshotRecord snapshot) throws CatalogException {
        return SnapshotView.of(snapshot, verifications.latestVerification(snapshot.id()),
                holds.holdOf(snapshot.id()));
    }

    private VerifiedBundle retrieve(SnapshotRecord snapshot) throws IOException, StoreException {
        try {
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

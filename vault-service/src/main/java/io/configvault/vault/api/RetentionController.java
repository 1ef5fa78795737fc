package io.configvault.vault.api;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.retention.RetentionException;
import io.configvault.vault.retention.RetentionService;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /retention/preview?fleet=&appliance=&after=&limit=}: what a pass would keep (and
 * why) and delete, per appliance, a page of appliances at a time; {@code POST /retention/run}
 * (admin): a pass now, answered with its report. Both 503 when the vault runs no
 * {@link RetentionService} (looked up per request, so the API starts without one) or when it
 * cannot run now (the reason goes to the log, not the answer).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RetentionController {

    static final int MAX_PAGE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RetentionController.class);

    private final BeanProvider<RetentionService> retention;
    private final FleetGuard guard;
    private final Clock clock;

    RetentionController(BeanProvider<RetentionService> retention, FleetGuard guard, Clock clock) {
        this.retention = retention;
        this.guard = guard;
        this.clock = clock;
    }

    @Allowed(Role.VIEWER)
    @Get("/retention/preview")
    RetentionViews.Preview preview(@QueryValue @Nullable String fleet,
                                   @QueryValue @Nullable String appliance,
                                   @QueryValue @Nullable String after,
                                   @QueryValue @Nullable String limit,
                                   HttpRequest<?> request) throws CatalogException {
        int size = limit(limit);
        name("fleet", fleet);
        name("appliance", appliance);
        name("after", after);
        Caller caller = Caller.of(request);
        String scoped = fleet;
        if (!caller.canSee(Caller.ALL_FLEETS)) {
            if (fleet == null && caller.fleets().size() != 1) {
                throw ApiProblem.badRequest("This token sees several fleets; name one with"
                        + " fleet=.");
            }
            scoped = fleet == null ? caller.fleets().iterator().next() : fleet;
            if (!guard.sees(request, scoped, "retention.preview", scoped)) {
                // As for a fleet without appliances: an empty page.
                return RetentionViews.Preview.of(new RetentionService.PreviewPage(
                        clock.instant(), List.of(), null));
            }
        }
        try {
            return RetentionViews.Preview.of(service().preview(scoped, appliance, after, size));
        } catch (RetentionException e) {
            LOG.warn("Cannot preview retention: {}", e.getMessage());
            throw ApiProblem.unavailable("The retention preview cannot run now (the catalog or"
                    + " the bucket is unavailable); try again later.");
        }
    }

    @Allowed(Role.ADMIN)
    @AllFleets
    @Post("/retention/run")
    RetentionViews.Pass run(HttpRequest<?> request) {
        RetentionService service = service();
        try {
            return RetentionViews.Pass.of(service.run(Caller.of(request).name()));
        } catch (RetentionException e) {
            LOG.warn("Cannot run a retention pass: {}", e.getMessage());
            throw ApiProblem.unavailable("The retention pass cannot run now (the catalog or the"
                    + " bucket is unavailable); the next pass finishes what it left undone. Try"
                    + " again later.");
        }
    }

    private RetentionService service() {
        if (!retention.isPresent()) {
            throw ApiProblem.unavailable("Retention is not running on this vault.");
        }
        return retention.get();
    }

    private static int limit(@Nullable String limit) {
        if (limit == null) {
            return 100;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_PAGE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + MAX_PAGE + ".");
    }

    private static void name(String parameter, @Nullable String value) {
        if (value != null && !Identifiers.isName(value)) {
            throw ApiProblem.badRequest("Invalid " + parameter + ": use 1-63 lower-case letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit.");
        }
    }
}

package io.configvault.vault.api;

import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.snapshot.Identifiers;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.Redemption;
import io.configvault.vault.enrol.Enroller;
import io.configvault.vault.enrol.IssuedToken;
import io.configvault.vault.keys.VaultKeys;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import java.util.Set;

/**
 * Enrolment: admins issue tokens ({@code POST /enrolment-tokens}, {@code POST
 * /appliances/{id}/rekey}); appliances redeem them ({@code POST /enrolments}, the one endpoint
 * without a bearer token: the enrolment token in the body authenticates). Every answer that
 * holds a token or a key carries {@code Cache-Control: no-store}.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class EnrolmentController {

    /** The path {@link BearerTokenFilter} lets through without an admin token. */
    static final String ENROLMENTS = "/api/v1/enrolments";

    private final Enroller enroller;
    private final VaultKeys keys;
    private final Catalog catalog;
    private final FleetGuard guard;

    EnrolmentController(Enroller enroller, VaultKeys keys, Catalog catalog, FleetGuard guard) {
        this.enroller = enroller;
        this.keys = keys;
        this.catalog = catalog;
        this.guard = guard;
    }

    @Allowed(Role.ADMIN)
    @Post("/enrolment-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<EnrolmentViews.Token> issue(@Body @Nullable byte[] body,
                                             HttpRequest<?> http) throws CatalogException {
        JsonBody request = JsonBody.parse(body, Set.of("fleet", "applianceId", "ttl"));
        String fleet = request.required("fleet");
        String applianceId = request.optional("applianceId");
        if (!Identifiers.isName(fleet)) {
            throw ApiProblem.badRequest("Invalid fleet.");
        }
        if (applianceId != null && !Identifiers.isName(applianceId)) {
            throw ApiProblem.badRequest("Invalid appliance id.");
        }
        guard.require(http, fleet, "enrolment-token.issue", fleet, new ApiProblem(
                HttpStatus.FORBIDDEN, "Forbidden", "This token may not issue enrolment tokens"
                        + " for fleet " + fleet + "."));
        return created(issued(() -> enroller.issue(fleet, applianceId, request.duration("ttl"))));
    }

    @Allowed(Role.ADMIN)
    @Post("/appliances/{applianceId}/rekey")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<EnrolmentViews.Token> rekey(@PathVariable String applianceId,
                                             @Body @Nullable byte[] body,
                                             HttpRequest<?> http) throws CatalogException {
        if (!Identifiers.isName(applianceId)) {
            throw ApiProblem.badRequest("Invalid appliance id.");
        }
        Optional<Appliance> appliance = catalog.appliance(applianceId);
        if (appliance.isPresent()) {
            guard.require(http, appliance.get().fleet(), "enrolment-token.rekey", applianceId,
                    ApiProblem.notFound("No appliance " + applianceId + "."));
        }
        JsonBody request = JsonBody.parse(body, Set.of("ttl"));
        IssuedToken token = issued(() -> enroller.issueRekey(applianceId, request.duration("ttl"))
                .orElseThrow(() -> ApiProblem.notFound("No appliance " + applianceId + ".")));
        return created(token);
    }

    @Tag(name = "APPLIANCE")
    @Post("/enrolments")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<EnrolmentViews.Enrolment> enrol(@Body @Nullable byte[] body)
            throws CatalogException {
        JsonBody request = JsonBody.parse(body, Set.of("token", "applianceId", "publicKey"));
        String token = request.required("token");
        String applianceId = request.required("applianceId");
        if (!Identifiers.isName(applianceId)) {
            throw ApiProblem.badRequest("Invalid appliance id: use 1-63 lower-case letters,"
                    + " digits, '.', '_' or '-'.");
        }
        PgpPublicKey key;
        try {
            key = OpenPgpKeys.readPublicKey(request.required("publicKey"));
        } catch (OpenPgpException e) {
            throw ApiProblem.badRequest("publicKey is not a usable OpenPGP public key ("
                    + e.getMessage() + ").");
        }
        Redemption outcome = enroller.enrol(token, applianceId, key);
        return switch (outcome) {
            case Redemption.Enrolled enrolled -> answer(HttpStatus.CREATED, enrolled.appliance());
            case Redemption.Rekeyed rekeyed -> answer(HttpStatus.CREATED, rekeyed.appliance());
            case Redemption.Confirmed confirmed -> answer(HttpStatus.OK, confirmed.appliance());
            case Redemption.Refused refused -> throw refusal(refused.refusal(), applianceId);
        };
    }

    private HttpResponse<EnrolmentViews.Enrolment> answer(HttpStatus status, Appliance appliance) {
        PgpPublicKey ingest = keys.ingest().publicKey();
        return HttpResponse.<EnrolmentViews.Enrolment>status(status)
                .body(new EnrolmentViews.Enrolment(appliance.id(), appliance.fleet(),
                        ingest.armored(), ingest.fingerprint()))
                .header("Cache-Control", "no-store");
    }

    /** Clear to the token's holder, yet naming nothing the token did not already say. */
    private static ApiProblem refusal(Redemption.Refusal refusal, String applianceId) {
        return switch (refusal) {
            case UNKNOWN_TOKEN -> unauthorized("The enrolment token is not known to this vault.");
            case TOKEN_USED -> unauthorized("The enrolment token has already been used.");
            case TOKEN_EXPIRED -> unauthorized("The enrolment token has expired.");
            case OTHER_APPLIANCE -> new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden",
                    "The enrolment token was issued for another appliance id.");
            case KEY_CONFLICT -> new ApiProblem(HttpStatus.CONFLICT, "Conflict", "Appliance "
                    + applianceId + " is already enrolled with another key; an admin must issue"
                    + " a re-key token (POST /api/v1/appliances/" + applianceId + "/rekey).");
            case FLEET_CONFLICT -> new ApiProblem(HttpStatus.CONFLICT, "Conflict", "Appliance "
                    + applianceId + " is already enrolled in another fleet.");
        };
    }

    private static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    private interface Issue {
        IssuedToken issue() throws CatalogException;
    }

    private static IssuedToken issued(Issue issue) throws CatalogException {
        try {
            return issue.issue();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage() + ".");
        }
    }

    private static HttpResponse<EnrolmentViews.Token> created(IssuedToken token) {
        return HttpResponse.<EnrolmentViews.Token>status(HttpStatus.CREATED)
                .body(EnrolmentViews.Token.of(token)).header("Cache-Control", "no-store");
    }
}

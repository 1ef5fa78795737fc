package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.api.OpenApiCoverage.Documented;
import io.configvault.vault.api.OpenApiCoverage.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The comparison behind OpenApiDocumentIT: each way document and routes can disagree. */
class OpenApiCoverageTest {

    static final Endpoint SHOW = new Endpoint("GET", "/api/v1/snapshots/{snapshotId}");
    static final Documented VIEWER = new Documented(List.of("VIEWER"), true);

    @Test
    void routeTemplatesBecomePlainPathTemplates() {
        assertThat(Endpoint.ofRoute("get", "/api/v1/snapshots/{snapshotId}/entries/{+name}"))
                .isEqualTo(new Endpoint("GET", "/api/v1/snapshots/{snapshotId}/entries/{name}"));
        assertThat(Endpoint.ofRoute("GET", "/api/v1/appliances{?limit,cursor}"))
                .isEqualTo(new Endpoint("GET", "/api/v1/appliances"));
        assertThat(Endpoint.ofRoute("GET", "/api/v1/x/{id:[0-9]+}"))
                .isEqualTo(new Endpoint("GET", "/api/v1/x/{id}"));
    }

    @Test
    void agreementHasNoProblems() {
        assertThat(OpenApiCoverage.problems(Map.of(SHOW, Optional.of(Role.VIEWER),
                OpenApiCoverage.ENROL, Optional.empty()),
                Map.of(SHOW, VIEWER, OpenApiCoverage.ENROL, new Documented(List.of(), false))))
                .isEmpty();
    }

    @Test
    void theHeadMicronautAddsToAGetNeedsNoOperationOfItsOwn() {
        Endpoint head = new Endpoint("HEAD", SHOW.path());
        assertThat(OpenApiCoverage.problems(Map.of(SHOW, Optional.of(Role.VIEWER), head,
                Optional.of(Role.VIEWER)), Map.of(SHOW, VIEWER))).isEmpty();
        assertThat(OpenApiCoverage.problems(Map.of(head, Optional.of(Role.VIEWER)), Map.of()))
                .containsExactly("HEAD /api/v1/snapshots/{snapshotId} is routed but missing"
                        + " from the OpenAPI document.");
    }

    @Test
    void anEndpointMissingFromTheDocumentIsNamed() {
        assertThat(OpenApiCoverage.problems(Map.of(SHOW, Optional.of(Role.VIEWER)), Map.of()))
                .containsExactly("GET /api/v1/snapshots/{snapshotId} is routed but missing from"
                        + " the OpenAPI document.");
    }

    @Test
    void aDocumentedPathThatIsNotRoutedIsNamed() {
        assertThat(OpenApiCoverage.problems(Map.of(), Map.of(SHOW, VIEWER)))
                .containsExactly("GET /api/v1/snapshots/{snapshotId} is in the OpenAPI document"
                        + " but the vault does not route it.");
    }

    @Test
    void aWrongOrMissingRoleOrBearerIsNamed() {
        assertThat(OpenApiCoverage.problems(Map.of(SHOW, Optional.of(Role.ADMIN)),
                Map.of(SHOW, new Documented(List.of("VIEWER", "snapshots"), false))))
                .containsExactly(
                        "GET /api/v1/snapshots/{snapshotId} is @Allowed(ADMIN) but documented"
                                + " with role(s) [VIEWER].",
                        "GET /api/v1/snapshots/{snapshotId} needs a bearer token, but the"
                                + " document does not say so.");
    }

    @Test
    void aRouteWithoutAllowedIsNamedUnlessItIsTheEnrolment() {
        assertThat(OpenApiCoverage.problems(Map.of(SHOW, Optional.empty(),
                OpenApiCoverage.ENROL, Optional.empty()),
                Map.of(SHOW, VIEWER, OpenApiCoverage.ENROL, new Documented(List.of(), true))))
                .containsExactly(
                        "POST /api/v1/enrolments needs no bearer token, but the document says it"
                                + " does.",
                        "GET /api/v1/snapshots/{snapshotId} has no @Allowed role; declare the"
                                + " least role it needs.");
    }

    @Test
    void operationsAreReadFromTheDocument() {
        String yaml = """
                openapi: 3.1.0
                paths:
                  /api/v1/snapshots/{snapshotId}:
                    parameters: []
                    get:
                      tags: [VIEWER]
                      security:
                      - bearer: []
                    delete:
                      tags: [ADMIN]
                """;
        assertThat(OpenApiCoverage.operations(yaml)).containsExactly(
                Map.entry(new Endpoint("DELETE", "/api/v1/snapshots/{snapshotId}"),
                        new Documented(List.of("ADMIN"), false)),
                Map.entry(SHOW, VIEWER));
    }
}

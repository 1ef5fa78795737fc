package io.configvault.vault.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The head of the OpenAPI document that micronaut-openapi's annotation processor writes at
 * compile time from the controllers (settings in the module's {@code openapi.properties}). Each
 * operation's role and problem responses come from its {@link Allowed}. Holds no code.
 */
@OpenAPIDefinition(info = @Info(title = "ConfigVault vault API", version = "v1",
        description = "The operator API of the ConfigVault vault. Every request under /api/ but"
                + " POST /api/v1/enrolments needs `Authorization: Bearer <token>`; the least role"
                + " an operation needs (viewer ⊂ operator ⊂ admin) is its tag."
                + " Errors are application/problem+json (RFC 9457)."),
        tags = {
            @Tag(name = "VIEWER", description = "Needs a token whose role is viewer, operator or"
                    + " admin: reads metadata."),
            @Tag(name = "OPERATOR", description = "Needs an operator or admin token: downloads,"
                    + " verifies, restores and requests snapshots."),
            @Tag(name = "ADMIN", description = "Needs an admin token: tokens, enrolment tokens,"
                    + " retention policies and holds."),
            @Tag(name = "APPLIANCE", description = "No bearer token: an appliance enrols with the"
                    + " one-time enrolment token in its request body.")
        })
@SecurityScheme(name = ApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A vault API token; its role includes the operation's scope.")
final class ApiDocument {

    /** The name of the bearer security scheme in the document. */
    static final String BEARER = "bearer";

    private ApiDocument() {
    }
}

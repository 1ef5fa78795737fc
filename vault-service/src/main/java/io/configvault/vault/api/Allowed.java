package io.configvault.vault.api;

import io.micronaut.context.annotation.AliasFor;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role an endpoint needs. Every {@code /api/} endpoint but the appliances' own
 * {@code POST /api/v1/enrolments} carries one; {@link BearerTokenFilter} answers 403 to a token
 * whose role does not include it (401 to no or a wrong token).
 *
 * <p>At compile time it also writes the endpoint's part of the OpenAPI document: the role is the
 * operation's tag ({@code VIEWER}, {@code OPERATOR}, {@code ADMIN}, see {@link ApiDocument}) and
 * the 401, 403 and error answers are {@code application/problem+json}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
@SecurityRequirement(name = ApiDocument.BEARER)
@ApiResponse(responseCode = "401", description = "No, an unknown or a revoked bearer token.",
        content = @Content(mediaType = Problems.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(responseCode = "403", description = "The token's role does not include this one.",
        content = @Content(mediaType = Problems.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(responseCode = "400", description = "An invalid request: a malformed id, body or"
        + " parameter (the detail says which).",
        content = @Content(mediaType = Problems.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(responseCode = "404", description = "Nothing of that id, or nothing the token's"
        + " fleets may see (the same answer).",
        content = @Content(mediaType = Problems.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(responseCode = "500", description = "The vault could not complete the request.",
        content = @Content(mediaType = Problems.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDocument.class)))
public @interface Allowed {
    @AliasFor(annotation = Tag.class, member = "name")
    Role value();
}

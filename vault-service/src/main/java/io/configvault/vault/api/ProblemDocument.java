package io.configvault.vault.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of an {@code application/problem+json} answer (RFC 9457) as the OpenAPI document
 * shows it; {@link Problems} builds the answers themselves. Some problems add members, e.g. the
 * {@code rule} a refused retention policy breaks.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem; never a stack trace, object key or"
        + " secret.")
record ProblemDocument(
        @Schema(description = "Always about:blank.") String type,
        @Schema(description = "The HTTP status phrase, e.g. Not Found.") String title,
        @Schema(description = "The HTTP status code.") int status,
        @Schema(description = "What is wrong and what to do, in a sentence.") String detail) {
}

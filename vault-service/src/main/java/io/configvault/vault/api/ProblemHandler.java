package io.configvault.vault.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every exception into a problem response; unexpected ones are logged, not shown. */
final class ProblemHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    private ProblemHandler() {
    }

    @Singleton
    @Produces(Problems.MEDIA_TYPE)
    @Requires(classes = ApiProblem.class)
    static final class Known implements ExceptionHandler<ApiProblem, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ApiProblem problem) {
            return Problems.response(problem.status(), problem.title(), problem.getMessage(),
                    problem.extensions());
        }
    }

    /** A body over {@code micronaut.server.max-request-size}: 413, as a problem. */
    @Singleton
    @Produces(Problems.MEDIA_TYPE)
    @Replaces(ContentLengthExceededHandler.class)
    static final class TooLarge
            implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
            return Problems.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
                    "The request body is larger than the vault accepts"
                            + " (micronaut.server.max-request-size).");
        }
    }

    @Singleton
    @Produces(Problems.MEDIA_TYPE)
    static final class Unexpected implements ExceptionHandler<Exception, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, Exception e) {
            LOG.error("Request {} {} failed", request.getMethod(), request.getPath(), e);
            return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                    "The vault could not complete the request; see its log.");
        }
    }
}

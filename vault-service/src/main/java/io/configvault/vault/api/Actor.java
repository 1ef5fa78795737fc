package io.configvault.vault.api;

import io.micronaut.http.HttpRequest;

/**
 * Who makes a request, as the audit log names them: {@link BearerTokenFilter} records the name of
 * the bearer token it accepted as a request attribute. Today the one token is the admin token,
 * named {@value #ADMIN}; named tokens with roles record their own name here.
 */
final class Actor {

    /** The name of the admin token ({@code vault.api.admin-token-file}). */
    static final String ADMIN = "admin";

    private static final String ATTRIBUTE = "configvault.actor";

    private Actor() {
    }

    /** Records who the authenticated request comes from. */
    static void record(HttpRequest<?> request, String name) {
        request.setAttribute(ATTRIBUTE, name);
    }

    /**
     * The actor of an authenticated request.
     *
     * @throws IllegalStateException when the request did not pass the bearer token filter
     */
    static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseThrow(() ->
                new IllegalStateException("Request " + request.getPath()
                        + " carries no authenticated actor"));
    }
}

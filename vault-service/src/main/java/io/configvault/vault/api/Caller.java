package io.configvault.vault.api;

import io.micronaut.http.HttpRequest;
import java.util.Set;

/**
 * Who makes an authenticated request: the bearer token's id and name (as the audit log names
 * them), its role and the fleets it may see ({@value #ALL_FLEETS} for all). Recorded on the
 * request by {@link BearerTokenFilter}.
 */
public record Caller(String tokenId, String name, Role role, Set<String> fleets) {

    /** In {@link #fleets}: every fleet. */
    public static final String ALL_FLEETS = "*";

    private static final String ATTRIBUTE = "configvault.caller";

    public Caller {
        fleets = Set.copyOf(fleets);
    }

    /** The admin token of {@code vault.api.admin-token-file}: admin of every fleet. */
    public static Caller admin() {
        return new Caller("admin", "admin", Role.ADMIN, Set.of(ALL_FLEETS));
    }

    /** True when this caller may see the fleet's appliances and snapshots. */
    public boolean canSee(String fleet) {
        return fleets.contains(ALL_FLEETS) || fleets.contains(fleet);
    }

    /** True when this caller's role includes {@code required}. */
    public boolean has(Role required) {
        return role.includes(required);
    }

    /** Records who the authenticated request comes from. */
    static void record(HttpRequest<?> request, Caller caller) {
        request.setAttribute(ATTRIBUTE, caller);
    }

    /**
     * The caller of an authenticated request.
     *
     * @throws IllegalStateException when the request did not pass the bearer token filter
     */
    public static Caller of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class).orElseThrow(() ->
                new IllegalStateException("Request " + request.getPath()
                        + " carries no authenticated caller"));
    }
}

package io.configvault.vault.api;

import io.configvault.vault.catalog.ApiToken;
import io.configvault.vault.catalog.ApiTokenCatalog;
import io.configvault.vault.catalog.CatalogException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issues and checks the operator API's bearer tokens: a secret is {@code cvt_} and 256 random
 * bits (base64url), shown once; the catalog keeps only its SHA-256. Thread-safe.
 */
@Singleton
public final class ApiTokens {

    static final String PREFIX = "cvt_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenCatalog catalog;
    private final Clock clock;

    public ApiTokens(ApiTokenCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A token just issued, with the secret its holder must keep (nobody can read it again). */
    public record Issued(ApiToken token, String secret) {
    }

    /** @return empty when a valid token of that name exists */
    public Optional<Issued> issue(String name, Role role, List<String> fleets, String createdBy)
            throws CatalogException {
        String secret = newSecret();
        return add(name, role, fleets, hash(secret), createdBy)
                .map(token -> new Issued(token, secret));
    }

    /** Adds a token whose secret the caller already holds (the admin token file's). */
    Optional<ApiToken> add(String name, Role role, List<String> fleets, String hash,
                           String createdBy) throws CatalogException {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        ApiToken token = new ApiToken("tok-" + HexFormat.of().formatHex(id), name,
                roleName(role), fleets, hash, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                createdBy, null);
        return catalog.addApiToken(token) ? Optional.of(token) : Optional.empty();
    }

    /** The caller a presented secret stands for; empty when it is unknown or revoked. */
    public Optional<Caller> authenticate(String secret) throws CatalogException {
        return catalog.apiTokenByHash(hash(secret)).filter(token -> !token.revoked())
                .map(ApiTokens::caller);
    }

    static Caller caller(ApiToken token) {
        return new Caller(token.id(), token.name(), role(token.role()),
                java.util.Set.copyOf(token.fleets()));
    }

    static String roleName(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    static Role role(String name) {
        return Role.valueOf(name.toUpperCase(Locale.ROOT));
    }

    static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** SHA-256 of the secret's UTF-8 bytes, lower-case hex. */
    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

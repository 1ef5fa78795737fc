package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.catalog.ApiToken;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.config.ApiSettings;
import io.configvault.vault.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialAdminTokenTest {

    @TempDir
    Path dir;

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final ApiTokens tokens = new ApiTokens(catalog,
            new MutableClock(Instant.parse("2026-11-22T10:00:00Z")));

    ApiSettings settings() {
        return new ApiSettings(dir.resolve("vault/admin-token"), 10, 30);
    }

    @Test
    void onFirstStartANewAdminTokenIsWrittenWithMode0600AndOnlyItsHashIsKept() throws Exception {
        new InitialAdminToken(settings(), catalog, tokens);

        Path file = settings().adminTokenFile();
        String secret = Files.readString(file).strip();
        assertThat(secret).startsWith("cvt_").hasSize(4 + 43);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        ApiToken admin = catalog.apiTokens(null, 10).getFirst();
        assertThat(admin.name()).isEqualTo("admin");
        assertThat(admin.role()).isEqualTo("admin");
        assertThat(admin.fleets()).containsExactly("*");
        assertThat(admin.hash()).isEqualTo(ApiTokens.hash(secret)).doesNotContain(secret);
        assertThat(tokens.authenticate(secret)).get().extracting(Caller::role)
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void theTokenOfAnEarlierVersionsFileIsAdoptedAndTheFileLeftAlone() throws Exception {
        Path file = settings().adminTokenFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "cvt_from-an-earlier-version-0123456789\n");

        new InitialAdminToken(settings(), catalog, tokens);

        assertThat(Files.readString(file)).isEqualTo("cvt_from-an-earlier-version-0123456789\n");
        assertThat(tokens.authenticate("cvt_from-an-earlier-version-0123456789")).get()
                .satisfies(c -> assertThat(c.canSee("any-fleet")).isTrue());
    }

    @Test
    void onceTheCatalogHoldsTokensTheFileIsNeitherReadNorWritten() throws Exception {
        tokens.issue("ci", Role.VIEWER, List.of("lab"), "admin");

        new InitialAdminToken(settings(), catalog, tokens);

        assertThat(settings().adminTokenFile()).doesNotExist();
        assertThat(catalog.apiTokens(null, 10)).hasSize(1);
    }

    @Test
    void aShortTokenInTheFileStopsTheStart() throws Exception {
        Path file = settings().adminTokenFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "short\n");

        assertThatThrownBy(() -> new InitialAdminToken(settings(), catalog, tokens))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start vault: the admin token in " + file
                        + " is shorter than 16 characters");
        assertThat(catalog.noApiTokens()).isTrue();
    }

    @Test
    void aRevokedTokenNoLongerAuthenticates() throws Exception {
        ApiTokens.Issued issued = tokens.issue("ci", Role.OPERATOR, List.of("lab"), "admin")
                .orElseThrow();
        assertThat(tokens.authenticate(issued.secret())).isPresent();

        catalog.revokeApiToken(issued.token().id(), Instant.parse("2026-11-22T11:00:00Z"));

        assertThat(tokens.authenticate(issued.secret())).isEmpty();
        assertThat(tokens.authenticate("cvt_unknown")).isEmpty();
        assertThat(tokens.issue("ci", Role.VIEWER, List.of("lab"), "admin")).isPresent();
    }
}

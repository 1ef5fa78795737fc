package io.configvault.vault.api;

import io.configvault.vault.catalog.ApiTokenCatalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.config.ApiSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The first admin token, made eagerly on start when the catalog holds no token at all: named
 * {@code admin}, admin of every fleet. When {@code vault.api.admin-token-file} exists (written by
 * an earlier version, or kept across a catalog rebuild), its token is adopted: only its hash goes
 * into the catalog. Else a new token is created and written there (mode 0600). The secret is
 * never logged. Once the catalog holds tokens the file is not read again: an admin manages
 * tokens through {@code /api/v1/tokens}.
 */
@Context
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
final class InitialAdminToken {

    static final String NAME = "admin";

    InitialAdminToken(ApiSettings settings, ApiTokenCatalog catalog, ApiTokens tokens)
            throws CatalogException {
        if (!catalog.noApiTokens()) {
            return;
        }
        Path file = settings.adminTokenFile();
        String secret = Files.exists(file) ? read(file) : write(file);
        tokens.add(NAME, Role.ADMIN, List.of(Caller.ALL_FLEETS), ApiTokens.hash(secret), "vault")
                .orElseThrow(() -> new IllegalStateException("Cannot start vault: the catalog"
                        + " already holds a token named " + NAME));
    }

    private static String read(Path file) {
        try {
            String value = Files.readString(file).strip();
            if (value.length() < 16) {
                throw new IllegalStateException("Cannot start vault: the admin token in " + file
                        + " is shorter than 16 characters");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start vault: admin token file " + file
                    + " cannot be read", e);
        }
    }

    private static String write(Path file) {
        String secret = ApiTokens.newSecret();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start vault: admin token file " + file
                    + " cannot be created", e);
        }
    }
}

package io.configvault.vault.api;

import io.configvault.vault.config.ApiSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin bearer token: read from {@code vault.api.admin-token-file}, or created there (random,
 * 256 bits, mode 0600) on first start — eagerly, so the file exists once the vault is up.
 * Compared in constant time; never logged.
 */
@Context
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
public final class AdminToken {

    private final byte[] token;

    public AdminToken(ApiSettings settings) {
        this.token = load(settings.adminTokenFile()).getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String load(Path file) {
        try {
            if (Files.exists(file)) {
                String value = Files.readString(file).strip();
                if (value.length() < 16) {
                    throw new IllegalStateException("Cannot start vault: the admin token in "
                            + file + " is shorter than 16 characters");
                }
                return value;
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String value = "cvt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start vault: admin token file " + file
                    + " cannot be read or created", e);
        }
    }
}

package io.configvault.vault.config;

/** Micronaut environments of the vault's commands. */
public final class VaultEnvironments {

    /**
     * The environment of {@code RebuildCatalogCommand}: the vault's configuration without its
     * background parts. Every {@code @Context} bean that would start work (the ingest loop) or
     * write files (the admin token) is {@code @Requires(notEnv = REBUILD_CATALOG)}, and the store
     * is opened read-only, without the startup self-test.
     */
    public static final String REBUILD_CATALOG = "rebuild-catalog";

    private VaultEnvironments() {
    }
}

package io.configvault.vault.rebuild;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SqliteCatalog;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanContextException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code rebuild-catalog [--into FILE]}: rebuilds the vault's catalog from the bucket after the
 * catalog file was lost. Reads the vault's own configuration (the same
 * {@code -Dmicronaut.config.files=...}), starts none of the vault's background parts and only
 * lists and reads the bucket. Writes into {@code vault.catalog-path}, or into a new file with
 * {@code --into}; it never merges: a catalog that already holds snapshot rows is refused. Prints
 * progress and each skipped object on standard output, failures as one line on standard error
 * ("Cannot rebuild catalog &lt;file&gt;: reason"), and exits with a {@link RebuildExitCode}.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED \
 *   -cp vault-service/target/classes:$(cat vault-service/target/runtime.classpath) \
 *   -Dmicronaut.config.files=/etc/configvault/vault.yml \
 *   io.configvault.vault.rebuild.RebuildCatalogCommand
 * </pre>
 */
public final class RebuildCatalogCommand {

    static final String USAGE = "Usage: rebuild-catalog [--into FILE]  (stop the vault first;"
            + " without --into it writes vault.catalog-path, which must be absent or hold no"
            + " snapshot rows)";
    private static final String LOGBACK_CONFIG = "logback.configurationFile";
    private static final int PAGE_SIZE = 1000;

    private RebuildCatalogCommand() {
    }

    public static void main(String[] args) {
        // Logs go to standard error at WARN: standard output is the report. Set before any logger.
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            System.setProperty(LOGBACK_CONFIG, "logback-rebuild.xml");
        }
        System.exit(run(List.of(args), Map.of(), System.out, System.err).code());
    }

    /**
     * Runs one rebuild.
     *
     * @param properties settings added to the configuration (tests)
     */
    static RebuildExitCode run(List<String> args, Map<String, Object> properties,
                               PrintStream out, PrintStream err) {
        Path into;
        if (args.isEmpty()) {
            into = null;
        } else if (args.size() == 2 && args.getFirst().equals("--into")) {
            into = Path.of(args.get(1));
        } else {
            err.println("Cannot rebuild catalog: unexpected arguments " + args);
            err.println(USAGE);
            return RebuildExitCode.REFUSED;
        }
        Map<String, Object> settings = new HashMap<>(properties);
        // A command has no health to monitor, and its short-lived context must not schedule it.
        settings.put("micronaut.health.monitor.enabled", false);
        try (ApplicationContext context = ApplicationContext.builder()
                .environments(VaultEnvironments.REBUILD_CATALOG)
                .properties(settings)
                .banner(false)
                .start()) {
            Path target = into != null ? into
                    : context.getBean(StorageSettings.class).catalogPath();
            return rebuild(context, target, into != null, out, err);
        } catch (RuntimeException e) {
            String setting = startupProblem(e);
            if (setting != null) {
                err.println("Cannot rebuild catalog: " + setting);
                return RebuildExitCode.REFUSED;
            }
            if (e instanceof BeanContextException) {
                err.println("Cannot rebuild catalog: the vault's settings are incomplete or"
                        + " invalid (" + e.getMessage().lines().findFirst().orElse("") + ")");
                return RebuildExitCode.REFUSED;
            }
            err.println("Cannot rebuild catalog: unexpected error (" + e + ")");
            LoggerFactory.getLogger(RebuildCatalogCommand.class).error("Rebuild failed", e);
            return RebuildExitCode.UNEXPECTED;
        }
    }

    private static RebuildExitCode rebuild(ApplicationContext context, Path target,
                                           boolean newFile, PrintStream out, PrintStream err) {
        try {
            String refusal = refusal(target, newFile);
            if (refusal != null) {
                err.println("Cannot rebuild catalog " + target + ": " + refusal);
                return RebuildExitCode.REFUSED;
            }
        } catch (CatalogException e) {
            err.println("Cannot rebuild catalog " + target + ": " + e.getMessage());
            return RebuildExitCode.REFUSED;
        }
        // Only now the bucket: a refused catalog needs no store at all.
        S3Settings s3 = context.getBean(S3Settings.class);
        BlobStore store = context.getBean(BlobStore.class);
        try (SqliteCatalog catalog = SqliteCatalog.open(target)) {
            out.println("Rebuilding catalog " + target + " from bucket '" + s3.bucket()
                    + "', objects under '" + s3.prefix() + CatalogRebuilder.SNAPSHOTS + "'");
            CatalogRebuilder.Result result = new CatalogRebuilder(store, catalog, PAGE_SIZE)
                    .rebuild(skipped -> out.println("Skipped " + skipped.key() + ": "
                            + skipped.reason()));
            out.println("Rebuilt " + result.rows() + " snapshot rows from " + result.objects()
                    + " objects into " + target + ".");
            out.println("Appliances are not in the bucket: those in vault.appliances are enrolled"
                    + " again when the vault starts; appliances enrolled with a token must be"
                    + " enrolled again (docs/vault-service.md, \"Rebuilding the catalog\").");
            if (result.skipped() > 0) {
                err.println("Cannot rebuild catalog " + target + " completely: skipped "
                        + result.skipped() + " of " + result.objects() + " objects (listed"
                        + " above); their snapshots have no row");
                return RebuildExitCode.SKIPPED;
            }
            return RebuildExitCode.OK;
        } catch (StoreException | CatalogException e) {
            err.println("Cannot rebuild catalog " + target + ": " + e.getMessage() + "; the"
                    + " catalog holds part of the rows: delete it and run again");
            return RebuildExitCode.FAILED;
        }
    }

    /** Why the target must not be written, or null. Writes nothing. */
    private static String refusal(Path target, boolean newFile) throws CatalogException {
        if (newFile && Files.exists(target)) {
            return "it exists; --into writes a new file";
        }
        if (Files.exists(target)) {
            try (SqliteCatalog existing = SqliteCatalog.open(target)) {
                long rows = existing.snapshotCount();
                if (rows > 0) {
                    return "it holds " + rows + " snapshot rows and rebuild-catalog never merges;"
                            + " move it away, or write a new file with --into FILE";
                }
            }
            return null;
        }
        for (String suffix : List.of("-wal", "-journal")) {
            Path journal = target.resolveSibling(target.getFileName() + suffix);
            if (Files.exists(journal)) {
                // SQLite would replay the deleted catalog's journal into the new file.
                return journal.getFileName() + " is left from the deleted catalog; delete it"
                        + " (and " + target.getFileName() + "-shm) first";
            }
        }
        return null;
    }

    /** The "Cannot start vault: ..." reason of a settings or bucket problem, or null. */
    private static String startupProblem(Throwable failure) {
        String prefix = "Cannot start vault: ";
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().startsWith(prefix)) {
                return cause.getMessage().substring(prefix.length());
            }
        }
        return null;
    }
}

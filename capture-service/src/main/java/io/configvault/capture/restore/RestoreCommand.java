package io.configvault.capture.restore;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.OutboxProperties;
import io.configvault.capture.config.RestoreProperties;
import io.configvault.capture.outbox.BudgetedOutbox;
import io.configvault.capture.outbox.OutboxException;
import io.configvault.capture.outbox.SqliteOutbox;
import io.configvault.capture.seal.SnapshotSealer;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.snapshot.SnapshotPipeline;
import io.configvault.capture.source.ConfiguredSources;
import io.configvault.capture.status.AgentStatus;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code restore --snapshot <id|latest> [--dry-run]}: puts a snapshot from the vault back onto
 * this appliance. It reads the agent's own configuration (the same
 * {@code -Dmicronaut.config.files=...}) plus {@code capture.restore.*}, and runs beside a running
 * agent: it starts none of the agent's background parts, adds its PRE_RESTORE snapshot to the
 * shared outbox (SQLite WAL) and leaves publishing to the agent. Prints the plan and progress on
 * standard output, failures as one line on standard error ("Cannot restore snapshot &lt;id&gt;:
 * reason"), and exits with an {@link ExitCode}.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED \
 *   -cp capture-service/target/classes:$(cat capture-service/target/runtime.classpath) \
 *   -Dmicronaut.config.files=/etc/configvault/capture.yml \
 *   io.configvault.capture.restore.RestoreCommand --snapshot latest --dry-run
 * </pre>
 */
public final class RestoreCommand {

    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    private RestoreCommand() {
    }

    public static void main(String[] args) {
        // Logs go to standard error at WARN: standard output is the plan. Set before any logger.
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            System.setProperty(LOGBACK_CONFIG, "logback-restore.xml");
        }
        System.exit(run(List.of(args), Map.of(), System.out, System.err));
    }

    /**
     * Runs one restore.
     *
     * @param properties settings added to the configuration (tests)
     * @return the exit code
     */
    static int run(List<String> args, Map<String, Object> properties, PrintStream out,
                   PrintStream err) {
        RestoreArguments arguments;
        try {
            arguments = RestoreArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Cannot restore: " + e.getMessage());
            err.println(RestoreArguments.USAGE);
            return ExitCode.USAGE.code();
        }
        String subject = arguments.describe();
        ApplicationContext context = ApplicationContext.builder()
                .environments(RestoreProperties.ENVIRONMENT)
                .properties(properties)
                .banner(false)
                .build();
        try {
            context.start();
            return restore(context, arguments, out, err);
        } catch (RuntimeException e) {
            InvalidConfigurationException invalid = configurationError(e);
            if (invalid != null) {
                err.println("Cannot restore snapshot " + subject + ": "
                        + invalid.getMessage().replaceFirst("^Cannot start capture: ", ""));
                return ExitCode.USAGE.code();
            }
            err.println("Cannot restore snapshot " + subject + ": unexpected error (" + e + ")");
            LoggerFactory.getLogger(RestoreCommand.class).error("Restore failed unexpectedly", e);
            return ExitCode.UNEXPECTED.code();
        } finally {
            context.close();
        }
    }

    private static int restore(ApplicationContext context, RestoreArguments arguments,
                               PrintStream out, PrintStream err) {
        CaptureProperties capture = context.getBean(CaptureProperties.class);
        ConfiguredSources sources = context.getBean(ConfiguredSources.class);
        RestoreProperties settings = context.getBean(RestoreProperties.class);
        Restore restore = null;
        try (RestoreWorkspace workspace = RestoreWorkspace.open(capture.dataPath());
             VaultClient vault = new VaultClient(settings.vaultUri(),
                     VaultClient.readToken(settings.tokenPath()), settings.tokenPath(),
                     settings.requestTimeout());
             PreRestoreCapture preRestore = arguments.dryRun() || !arguments.preRestoreSnapshot()
                     ? null
                     : new PreRestoreCapture(context, capture, sources, workspace)) {
            restore = new Restore(vault, capture.applianceId(), sources.specs(),
                    preRestore == null ? PreRestoreCapture.NONE : preRestore.pipeline,
                    new Hook("pre-hook", settings.preHook(), settings.hookTimeout()),
                    new Hook("post-hook", settings.postHook(), settings.hookTimeout()),
                    workspace, out);
            restore.run(arguments);
            return ExitCode.OK.code();
        } catch (RestoreException e) {
            String subject = restore == null ? arguments.describe() : restore.subject();
            out.flush();
            err.println(e.exitCode() == ExitCode.POST_HOOK_FAILED
                    ? "Restored snapshot " + subject + ", but " + e.getMessage()
                    : "Cannot restore snapshot " + subject + ": " + e.getMessage());
            return e.exitCode().code();
        }
    }

    private static InvalidConfigurationException configurationError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /**
     * The agent's capture pipeline, built for this process: the appliance's keys, the outbox
     * attached beside a possibly running agent ({@link SqliteOutbox#attach}), staging in the
     * workspace. Built before anything is downloaded, so that a key or outbox problem stops the
     * restore first.
     */
    private static final class PreRestoreCapture implements AutoCloseable {

        static final SnapshotCapture NONE = (trigger, label, requestId) -> {
            throw new IllegalStateException("a dry run takes no snapshot");
        };

        final SnapshotCapture pipeline;
        private final BudgetedOutbox outbox;

        PreRestoreCapture(ApplicationContext context, CaptureProperties capture,
                          ConfiguredSources sources, RestoreWorkspace workspace)
                throws RestoreException {
            Clock clock = context.getBean(Clock.class);
            SnapshotSealer sealer = context.getBean(SnapshotSealer.class);
            AgentStatus status = new AgentStatus(clock);
            try {
                this.outbox = new BudgetedOutbox(SqliteOutbox.attach(capture.dataPath(), clock),
                        context.getBean(OutboxProperties.class).maxBytes(), status);
            } catch (OutboxException e) {
                throw new RestoreException(ExitCode.USAGE, "cannot open the agent's outbox ("
                        + e.getMessage() + ")", e);
            }
            this.pipeline = new SnapshotPipeline(capture, sources.all(), sealer, outbox, status,
                    clock, workspace.staging());
        }

        @Override
        public void close() {
            outbox.close();
        }
    }
}

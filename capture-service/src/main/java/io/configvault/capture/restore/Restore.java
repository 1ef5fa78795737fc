package io.configvault.capture.restore;

import io.configvault.capture.snapshot.CaptureException;
import io.configvault.capture.snapshot.CapturedSnapshot;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.source.SourceSpec;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One restore, as the list of its steps: resolve the snapshot, download it, verify it, plan what
 * changes (a dry run stops here), write the new files beside the old ones, take a PRE_RESTORE
 * snapshot, run the pre-hook, swap the files in (all or none), run the post-hook. Everything that
 * can be checked is checked before the first configuration file is replaced; see
 * docs/design.md, "Capture: restore".
 */
final class Restore {

    /** How a restore that did not fail ended. */
    sealed interface Outcome {
        RestorePlan plan();

        /** The plan was printed; nothing was written. */
        record DryRun(RestorePlan plan) implements Outcome {
        }

        /**
         * No configured file needs replacing (entries to save were saved); no pre-restore
         * snapshot, no hook.
         */
        record NothingToRestore(RestorePlan plan) implements Outcome {
        }

        /**
         * The files were replaced; the configuration as it was is in the outbox.
         *
         * @param preRestore null when the operator asked for none
         */
        record Restored(RestorePlan plan, CapturedSnapshot preRestore) implements Outcome {
        }
    }

    private final VaultClient vault;
    private final String applianceId;
    private final List<SourceSpec> sources;
    private final SnapshotCapture capture;
    private final Hook preHook;
    private final Hook postHook;
    private final RestoreWorkspace workspace;
    private final PrintStream out;
    private String subject;

    Restore(VaultClient vault, String applianceId, List<SourceSpec> sources,
            SnapshotCapture capture, Hook preHook, Hook postHook, RestoreWorkspace workspace,
            PrintStream out) {
        this.vault = vault;
        this.applianceId = applianceId;
        this.sources = List.copyOf(sources);
        this.capture = capture;
        this.preHook = preHook;
        this.postHook = postHook;
        this.workspace = workspace;
        this.out = out;
    }

    /** The snapshot being restored, for messages: its id once known, else as asked. */
    String subject() {
        return subject;
    }

    Outcome run(RestoreArguments arguments) throws RestoreException {
        subject = arguments.describe();
        ListedSnapshot listed = arguments.snapshot() == null ? vault.latest(applianceId)
                : vault.snapshot(arguments.snapshot());
        subject = listed.id().toString();
        VerifiedSnapshot snapshot = downloadAndVerify(listed);
        RestorePlan plan = Planner.plan(snapshot, sources, workspace.saved(listed.id()));
        plan.describe(arguments.dryRun()).forEach(out::println);
        if (arguments.dryRun()) {
            out.println("Dry run: nothing was written. A restore would write "
                    + plan.writes().size() + " file(s).");
            return new Outcome.DryRun(plan);
        }
        if (plan.writes().isEmpty()) {
            save(plan.saves());
            out.println("Nothing to replace: every configured file already matches snapshot "
                    + subject + "." + (plan.saves().isEmpty() ? ""
                    : " Saved " + plan.saves().size() + " entr" + (plan.saves().size() == 1
                    ? "y" : "ies") + " for the operator."));
            return new Outcome.NothingToRestore(plan);
        }
        try (ConfigWriter writer = ConfigWriter.prepare(plan.writes())) {
            save(plan.saves());
            CapturedSnapshot before = arguments.preRestoreSnapshot() ? preRestoreSnapshot()
                    : withoutPreRestoreSnapshot();
            replace(writer, plan, listed);
            writer.leftovers().forEach(file -> out.println("Note: cannot delete " + file));
            return new Outcome.Restored(plan, before);
        }
    }

    private VerifiedSnapshot downloadAndVerify(ListedSnapshot listed) throws RestoreException {
        if (!listed.applianceId().equals(applianceId)) {
            throw new RestoreException(ExitCode.REFUSED, "the vault lists it for appliance "
                    + listed.applianceId() + ", not for this appliance (" + applianceId + ")");
        }
        Path bundle = workspace.work().resolve("bundle.tar");
        String sha256 = vault.download(listed, bundle);
        Path entries = workspace.work().resolve("entries");
        try {
            RestoreWorkspace.privateDirectory(entries);
        } catch (IOException e) {
            throw new RestoreException(ExitCode.REFUSED, "cannot create " + entries, e);
        }
        VerifiedSnapshot snapshot = VerifiedSnapshot.verify(listed, bundle, sha256, applianceId,
                entries);
        out.println("Snapshot " + listed.describe() + " of appliance " + applianceId
                + ": verified (" + listed.sizeBytes() + " bytes, SHA-256 " + sha256 + ")");
        if (!snapshot.manifest().restorable()) {
            // E.g. TrueNAS's secret seed, left out by default: on the same appliance it is still
            // there; on a new one the operator must bring it. Restore what there is, and say so.
            out.println("Warning: the snapshot is marked not restorable: "
                    + snapshot.manifest().notRestorableReason() + ". What it holds is restored;"
                    + " what it lacks must already be on this appliance.");
        }
        return snapshot;
    }

    /** Command output and directories go to the saved directory for the operator to use. */
    private void save(List<PlannedEntry> saves) throws RestoreException {
        for (PlannedEntry entry : saves) {
            try {
                RestoreWorkspace.privateDirectory(entry.target().getParent());
                RestoreWorkspace.copyPrivately(entry.content(), entry.target());
            } catch (IOException e) {
                throw new RestoreException(ExitCode.ROLLED_BACK, "cannot save " + entry.name()
                        + " to " + entry.target() + " (" + e.getClass().getSimpleName()
                        + "); nothing was replaced", e);
            }
        }
    }

    private CapturedSnapshot preRestoreSnapshot() throws RestoreException {
        try {
            CapturedSnapshot before = capture.capture(Trigger.PRE_RESTORE,
                    "before restore of " + subject);
            out.println("Pre-restore snapshot " + before.snapshotId() + " (sequence "
                    + before.sequence() + ") is in the outbox; the agent publishes it.");
            return before;
        } catch (CaptureException e) {
            throw new RestoreException(ExitCode.ABORTED, "the pre-restore snapshot failed ("
                    + e.getMessage() + "); nothing was replaced (if the current configuration"
                    + " cannot be captured and need not be kept, run again with"
                    + " --no-pre-restore-snapshot)", e);
        }
    }

    private CapturedSnapshot withoutPreRestoreSnapshot() {
        out.println("No pre-restore snapshot (--no-pre-restore-snapshot): the configuration"
                + " being replaced is not kept.");
        return null;
    }

    /**
     * Pre-hook, swap, post-hook. Once the pre-hook has been started the post-hook runs whatever
     * happens next, so that a service the pre-hook stopped comes back (with the restored or the
     * previous configuration).
     */
    private void replace(ConfigWriter writer, RestorePlan plan, ListedSnapshot listed)
            throws RestoreException {
        try {
            runHook(preHook, null);
        } catch (RestoreException e) {
            throw new RestoreException(ExitCode.ABORTED, e.getMessage() + "; nothing was replaced"
                    + postHookAfterFailure("not-restored"), e);
        }
        try {
            writer.commit();
        } catch (RestoreException e) {
            String result = e.exitCode() == ExitCode.ROLLED_BACK ? "rolled-back"
                    : "rollback-incomplete";
            throw new RestoreException(e.exitCode(), e.getMessage()
                    + postHookAfterFailure(result), e.getCause());
        }
        out.println("Replaced " + plan.writes().size() + " file(s) with snapshot " + listed.id()
                + ".");
        try {
            runHook(postHook, "restored");
        } catch (RestoreException e) {
            throw new RestoreException(ExitCode.POST_HOOK_FAILED, e.getMessage(), e);
        }
        out.println("Restored snapshot " + listed.id() + ".");
    }

    private String postHookAfterFailure(String result) {
        try {
            runHook(postHook, result);
            return postHook.configured() ? "; the post-hook ran" : "";
        } catch (RestoreException e) {
            return "; " + e.getMessage() + " as well";
        }
    }

    private void runHook(Hook hook, String result) throws RestoreException {
        if (!hook.configured()) {
            return;
        }
        out.println("Running the " + hook.name() + ".");
        out.flush();
        Map<String, String> environment = new HashMap<>();
        environment.put("CONFIGVAULT_APPLIANCE_ID", applianceId);
        environment.put("CONFIGVAULT_SNAPSHOT_ID", subject);
        if (result != null) {
            environment.put("CONFIGVAULT_RESTORE_RESULT", result);
        }
        hook.run(environment);
    }
}

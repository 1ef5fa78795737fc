package io.configvault.capture.restore;

/**
 * The restore command's exit codes. Each says whether the appliance's configuration was touched,
 * so that a script knows what to do next (see docs/capture-service.md).
 */
public enum ExitCode {
    /** Restored, or the dry run printed its plan, or there was nothing to restore. */
    OK(0),
    /** An unexpected error (a bug); nothing is known about the configuration beyond the log. */
    UNEXPECTED(1),
    /** Bad arguments or settings, or another restore is running: nothing was done. */
    USAGE(2),
    /** The vault could not be reached, refused the request or ended the download early. */
    VAULT(3),
    /** The snapshot failed verification or cannot be applied here: nothing was changed. */
    REFUSED(4),
    /** The pre-restore snapshot or the pre-hook failed: the configuration was not changed. */
    ABORTED(5),
    /** Writing failed; every file replaced so far was put back: the previous configuration. */
    ROLLED_BACK(6),
    /** The configuration was restored, but the post-hook failed. */
    POST_HOOK_FAILED(7),
    /** Writing failed and putting the previous files back failed too: needs an operator. */
    ROLLBACK_INCOMPLETE(8);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

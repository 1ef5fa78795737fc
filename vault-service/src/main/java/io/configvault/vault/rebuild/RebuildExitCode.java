package io.configvault.vault.rebuild;

/** The exit codes of {@link RebuildCatalogCommand}; each says what the catalog file holds. */
public enum RebuildExitCode {
    /** Every object under {@code snapshots/} gave its row. */
    OK(0),
    /** An unexpected error (a bug); see the log on standard error. */
    UNEXPECTED(1),
    /**
     * Bad arguments or settings, a bucket that does not answer, or a catalog that already holds
     * snapshot rows: nothing was written.
     */
    REFUSED(2),
    /** The bucket or the catalog failed during the rebuild: the catalog holds part of the rows. */
    FAILED(3),
    /** Rows for every readable object; some objects were skipped (listed on standard output). */
    SKIPPED(4);

    private final int code;

    RebuildExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

package io.configvault.vault.diff;

import java.io.IOException;
import java.nio.file.Path;

/** Opens a database file from a snapshot entry for reading, never writing it. */
public interface DatabaseOpener {

    /**
     * @throws NotADatabaseException when the file is not a readable database of this kind
     * @throws IOException           when it cannot be opened for another reason
     */
    DatabaseSource open(Path file) throws IOException;

    /** The file is not a database (or a damaged one): the diff says so instead of rows. */
    final class NotADatabaseException extends IOException {
        public NotADatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

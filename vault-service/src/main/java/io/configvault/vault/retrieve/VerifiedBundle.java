package io.configvault.vault.retrieve;

import io.configvault.shared.bundle.Manifest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A decrypted bundle in the spool that passed every check. Reading it through {@link #open}
 * deletes the spool file when the stream is closed.
 */
public record VerifiedBundle(Manifest manifest, Path file, long size) {

    /** The bundle's bytes; closing the stream removes the spool file. */
    public InputStream open() throws IOException {
        return new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        };
    }

    public void discard() throws IOException {
        Files.deleteIfExists(file);
    }
}

package io.configvault.vault.ingest;

import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.io.BytePipe;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.store.ContentMd5;
import io.configvault.vault.store.PartMd5Stream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Encrypts a verified bundle for storage: OpenPGP to the storage key and every escrow key, signed
 * by the storage key, with a fresh session key each time. Computes the SHA-256 (catalog) and the
 * Content-MD5 values of the upload (of the whole file or of each part, as the store will upload
 * it: {@link PartMd5Stream}) of the ciphertext in the same pass, so nothing reads it again
 * before the upload.
 *
 * <p>Ingest encrypts while it decrypts ({@link #start}): the plaintext goes through a bounded
 * {@link BytePipe} to a thread of its own, so the two OpenPGP passes run on two processors.
 */
final class AtRestWriter {

    record Written(long bytes, String sha256, ContentMd5 md5, String storageKey) {
    }

    /** What waits between decryption and encryption at most: 16 × 64 KiB. */
    private static final int PIPE_CHUNK = 64 * 1024;
    private static final int PIPE_CHUNKS = 16;

    private final VaultKeys keys;
    private final ContentMd5.PartLayout layout;

    /** @param layout how the store uploads files, for the Content-MD5 values to compute */
    AtRestWriter(VaultKeys keys, ContentMd5.PartLayout layout) {
        this.keys = keys;
        this.layout = layout;
    }

    /** Encrypts {@code bundle} into {@code target} on the calling thread. */
    Written write(InputStream bundle, Path target, SnapshotId id) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        PartMd5Stream md5;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
             PartMd5Stream digests = new PartMd5Stream(new DigestOutputStream(file, sha256),
                     layout)) {
            md5 = digests;
            OpenPgpEncryptor.encrypt(bundle, digests, keys.atRestRecipients(), keys.storage(),
                    id + ".tar");
        } catch (OpenPgpException e) {
            // Our own keys failed: not the snapshot's fault, so never a quarantine.
            throw new IOException("Cannot encrypt snapshot " + id + " at rest: " + e.getMessage(), e);
        }
        return new Written(Files.size(target), Sha256.hex(sha256), md5.digests(),
                keys.storage().fingerprint());
    }

    /**
     * Starts encrypting into {@code target} whatever is written to the returned encryption's
     * {@link Encryption#plaintext()}, on a thread of its own.
     */
    Encryption start(Path target, SnapshotId id) {
        return new Encryption(target, id);
    }

    /**
     * One bundle being encrypted while it is written. {@link #finish()} when all of it was
     * written; {@link #close()} in any case: it gives up an unfinished encryption and returns only
     * once its thread has stopped, so that the target file can be deleted.
     */
    final class Encryption implements AutoCloseable {
        private final BytePipe pipe = new BytePipe(PIPE_CHUNK, PIPE_CHUNKS);
        private final OutputStream plaintext = pipe.sink();
        private final CompletableFuture<Written> result = new CompletableFuture<>();
        private final Thread thread;
        private volatile IOException failure;

        private Encryption(Path target, SnapshotId id) {
            thread = Thread.ofPlatform().daemon().name("at-rest-" + id).start(() -> {
                try (InputStream in = pipe.source()) {
                    result.complete(write(in, target, id));
                } catch (IOException | RuntimeException | Error e) {
                    failure = e instanceof IOException io ? io
                            : new IOException("Cannot encrypt snapshot " + id + " at rest: " + e, e);
                    pipe.abort(failure);
                    result.completeExceptionally(failure);
                }
            });
        }

        /** Where the bundle is written; writes block while the encryption is behind. */
        OutputStream plaintext() {
            return plaintext;
        }

        /**
         * The encryption's own failure if it failed, else {@code other}: when writing the
         * plaintext fails because the encryption stopped, that is the failure to report.
         */
        IOException failureOr(IOException other) {
            IOException own = failure;
            return own != null ? own : other;
        }

        /** Ends the plaintext and waits for the encryption to complete. */
        Written finish() throws IOException {
            try {
                plaintext.close();
            } catch (IOException e) {
                throw failureOr(e);
            }
            try {
                return result.get();
            } catch (ExecutionException e) {
                throw failureOr(new IOException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while encrypting at rest");
            }
        }

        @Override
        public void close() {
            if (!result.isDone()) {
                pipe.abort(new IOException("the snapshot's ingest stopped"));
            }
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

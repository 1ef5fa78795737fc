package io.configvault.vault.store;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bucket of immutable objects.
 *
 * <p>Contract: {@link #create} is create-only and idempotent in effect — a second create of the
 * same key never replaces the first object, it answers {@link PutOutcome.AlreadyExists}, however
 * the object is uploaded (in one request or in parts). Keys are built by the vault from verified
 * identities only, never from request input; they are the vault's keys, without any store-wide
 * prefix the implementation adds (listings strip it again). {@link #delete} is idempotent. Every
 * method throws {@link StoreUnavailableException} for failures that may pass (network, 5xx,
 * throttling: retry later) and {@link StoreException} for failures that will not (403, missing
 * bucket). Implementations are thread-safe.
 */
public interface BlobStore {

    /**
     * Uploads {@code file} under {@code key} unless an object already exists there.
     *
     * <p>With a {@code lock} the object is written with that Object Lock retention (in the same
     * request that creates it, so there is no moment when it exists unlocked); a store without
     * Object Lock refuses the write. An existing object keeps the lock it has: a second create
     * changes nothing, whatever lock it asks for.
     *
     * @param md5Base64 Content-MD5 of the file, checked by the store on receipt (S3 requires it
     *                  on writes with a lock)
     * @param metadata  user metadata (ASCII keys and values) stored with the object
     * @param lock      the Object Lock retention to write the object with, or null for none
     */
    PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata,
                      @Nullable ObjectLockRequest lock) throws StoreException;

    /**
     * As {@link #create(String, Path, String, Map, ObjectLockRequest)}, with the Content-MD5 of
     * each part already computed by the caller (in the pass that wrote the file, cut at
     * {@link #partLayout()}), so that a store uploading in parts does not read the file once
     * more to digest them. The default uses the whole file's digest only.
     */
    default PutOutcome createWithDigests(String key, Path file, ContentMd5 md5,
                                         Map<String, String> metadata,
                                         @Nullable ObjectLockRequest lock)
            throws StoreException {
        return create(key, file, md5.whole(), metadata, lock);
    }

    /**
     * How this store uploads files (in one request, or in parts above a threshold), for callers
     * that compute the digests of the upload while writing the file ({@link PartMd5Stream}).
     */
    default ContentMd5.PartLayout partLayout() {
        return ContentMd5.PartLayout.NONE;
    }

    /** The object's size and metadata, or empty when there is none. */
    Optional<BlobInfo> head(String key) throws StoreException;

    /**
     * The object's bytes, streamed from the store: the caller reads them as they arrive and
     * closes the stream. A store failure before the first byte is thrown here; one in the
     * middle of the bytes is a {@link StoreReadException} from the stream's {@code read}.
     *
     * @throws StoreException when there is no such object or the store cannot be read
     */
    InputStream open(String key) throws StoreException, IOException;

    /** Downloads the object to {@code target} (replacing it). */
    default void download(String key, Path target) throws StoreException, IOException {
        try (InputStream in = open(key); OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        } catch (StoreReadException e) {
            throw e.storeFailure();
        }
    }

    /**
     * One page of the objects whose key starts with {@code keyPrefix}, in key order, after
     * {@code startAfter} (exclusive; null for the first page). Only the page is held in memory:
     * list the next one after the last key of this one while {@link Page#truncated()}.
     *
     * @param limit at most this many objects (1 to 1000)
     */
    Page list(String keyPrefix, @Nullable String startAfter, int limit) throws StoreException;

    /**
     * A cheap request that proves the bucket answers the vault's credentials now (the health
     * endpoint's readiness check); it changes nothing. Fails like every method: a
     * {@link StoreUnavailableException} when the store cannot be reached or answers 5xx, a
     * {@link StoreException} when it refuses (403, a missing bucket). The default lists at most
     * one object.
     */
    default void probe() throws StoreException {
        list("", null, 1);
    }

    /** Deletes the object; deleting an object that does not exist is fine. */
    void delete(String key) throws StoreException;

    /**
     * Turns the Object Lock legal hold of an existing object on or off (a held snapshot's object
     * cannot be deleted even by a mistaken or hostile delete). Only called when the vault runs
     * with Object Lock ({@code vault.s3.object-lock=required}).
     *
     * @throws StoreException when the store has no legal holds (the default), the object does not
     *                        exist, or the store refuses
     */
    default void legalHold(String key, boolean on) throws StoreException {
        throw new StoreException("Cannot set a legal hold on " + key
                + ": this store has no Object Lock legal holds");
    }

    /** Outcome of {@link #create}. */
    sealed interface PutOutcome {
        /** The object was written by this call. */
        record Created(String key) implements PutOutcome {
        }

        /** An object already existed under the key; nothing was written. */
        record AlreadyExists(String key) implements PutOutcome {
        }
    }

    /**
     * What a HEAD request tells.
     *
     * @param lock the object's Object Lock as the store reports it ({@link LockStatus#NONE} when it
     *             reports none)
     */
    record BlobInfo(String key, long size, Map<String, String> metadata, LockStatus lock) {

        /** An object whose store reports no Object Lock. */
        public BlobInfo(String key, long size, Map<String, String> metadata) {
            this(key, size, metadata, LockStatus.NONE);
        }
    }

    /**
     * An object's Object Lock as its store reports it on HEAD.
     *
     * @param mode        its retention mode, or null when it has no retention (or the store does
     *                    not report one, or reports a mode this vault does not know)
     * @param retainUntil the end of its retention, or null likewise
     * @param legalHold   whether a legal hold is on
     */
    record LockStatus(@Nullable ObjectLockRequest.Mode mode, @Nullable Instant retainUntil,
                      boolean legalHold) {

        public static final LockStatus NONE = new LockStatus(null, null, false);
    }

    /** An object in a listing: key (without the store's prefix) and size; no metadata. */
    record ListedBlob(String key, long size) {
    }

    /**
     * A page of a listing.
     *
     * @param truncated more objects follow: list again after the last key of this page
     */
    record Page(List<ListedBlob> blobs, boolean truncated) {
        public Page {
            blobs = List.copyOf(blobs);
        }

        /** The key to list after for the next page, or empty when this was the last page. */
        public Optional<String> next() {
            return truncated && !blobs.isEmpty()
                    ? Optional.of(blobs.getLast().key()) : Optional.empty();
        }
    }
}

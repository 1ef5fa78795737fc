package io.configvault.vault.store;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The Content-MD5 values of a file to upload: of the whole file (a single PUT) and of each part
 * (a multipart upload), computed by the caller in the pass that wrote the file
 * ({@link PartMd5Stream}), so the store does not read the file again to digest it.
 *
 * @param whole  Content-MD5 (Base64) of the whole file; null when the file is large enough to go
 *               up in parts ({@link PartLayout#threshold()}), which need no whole digest
 * @param layout the parts the part digests were cut at
 * @param parts  Content-MD5 (Base64) of each part, in order; empty without parts
 */
public record ContentMd5(@Nullable String whole, PartLayout layout, List<String> parts) {

    public ContentMd5 {
        parts = List.copyOf(parts);
    }

    /** Only the whole file's digest: a store uploading in parts digests each part itself. */
    public static ContentMd5 of(String whole) {
        return new ContentMd5(whole, PartLayout.NONE, List.of());
    }

    /** Whether these digest the parts of {@code partSize} bytes of a file of {@code length}. */
    boolean fits(long partSize, long length) {
        return layout.partSize() == partSize && partSize > 0
                && parts.size() == Math.max(1, (length + partSize - 1) / partSize);
    }

    /**
     * How a store uploads a file: files of at least {@code threshold} bytes in parts of
     * {@code partSize} bytes, smaller ones in one request.
     */
    public record PartLayout(long threshold, long partSize) {

        /** A store that uploads every file in one request. */
        public static final PartLayout NONE = new PartLayout(Long.MAX_VALUE, 0);

        public PartLayout {
            if (threshold < 1 || partSize < 0) {
                throw new IllegalArgumentException("threshold " + threshold + " and part size "
                        + partSize + " must be positive");
            }
        }
    }
}

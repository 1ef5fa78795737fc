package io.configvault.vault.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An output stream filter that computes, as the bytes pass, the Content-MD5 values a store's
 * upload needs ({@link ContentMd5}): one per part of the store's {@link ContentMd5.PartLayout},
 * and the whole file's while it is still small enough for a single PUT. The file is so digested
 * in the pass that writes it instead of once more per part before the upload; each byte is
 * digested once, except those between the first part's end and the threshold (digested for both).
 * Holds two digests and one string per part (a few thousand at most), never the data. Not
 * thread-safe.
 */
public final class PartMd5Stream extends FilterOutputStream {

    private final ContentMd5.PartLayout layout;
    private final MessageDigest part = md5();
    private final List<String> parts = new ArrayList<>();
    /** The whole file's digest once the first part is done (until then it is {@link #part}). */
    private MessageDigest whole;
    private long written;
    private long inPart;
    private boolean finished;

    public PartMd5Stream(OutputStream out, ContentMd5.PartLayout layout) {
        super(out);
        this.layout = layout;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        long partSize = layout.partSize();
        while (len > 0) {
            int n = partSize == 0 ? len : (int) Math.min(len, partSize - inPart);
            part.update(b, off, n);
            if (whole != null && written < layout.threshold()) {
                whole.update(b, off, n);
            }
            written += n;
            inPart += n;
            off += n;
            len -= n;
            if (partSize > 0 && inPart == partSize) {
                if (parts.isEmpty() && written < layout.threshold()) {
                    whole = copy(part);
                }
                parts.add(base64(part));
                inPart = 0;
            }
        }
    }

    /** The digests of what was written; call once, after the last write. */
    public ContentMd5 digests() {
        if (finished) {
            throw new IllegalStateException("the digests were already taken");
        }
        finished = true;
        if (parts.isEmpty()) {
            String only = base64(part);
            return new ContentMd5(written < layout.threshold() ? only : null, layout,
                    layout.partSize() == 0 ? List.of() : List.of(only));
        }
        if (inPart > 0) {
            parts.add(base64(part));
        }
        return new ContentMd5(written < layout.threshold() ? base64(whole) : null, layout, parts);
    }

    private static String base64(MessageDigest digest) {
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The JDK's MD5 can be cloned", e);
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}

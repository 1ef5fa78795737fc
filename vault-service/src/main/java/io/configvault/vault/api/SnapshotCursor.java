package io.configvault.vault.api;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.SnapshotFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a snapshot page: where the previous page ended in the newest-first order
 * (capture millisecond and snapshot id), base64url-encoded. Clients pass back what {@code next}
 * said; anything else is a 400 naming the parameter. It carries no secret and no object key,
 * only what the page already showed.
 */
final class SnapshotCursor {

    private static final String VERSION = "v1";
    private static final int MAX_LENGTH = 200;

    private SnapshotCursor() {
    }

    static String encode(SnapshotFilter.Position position) {
        String plain = VERSION + ":" + position.capturedAtMs() + ":" + position.id();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ApiProblem 400 naming {@code cursor} when it is not one this API gave out */
    static SnapshotFilter.Position decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor),
                    StandardCharsets.US_ASCII);
            String[] parts = plain.split(":", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            return new SnapshotFilter.Position(Long.parseLong(parts[1]),
                    SnapshotId.parse(parts[2]));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return ApiProblem.badRequest("Invalid cursor: pass back the next of the previous page"
                + " unchanged.");
    }
}

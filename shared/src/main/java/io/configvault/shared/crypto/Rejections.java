package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.MALFORMED;

import io.configvault.shared.crypto.OpenPgpException.Reason;
import java.io.EOFException;
import java.io.IOException;

/** The decryptor's refusals, all worded "Cannot decrypt snapshot: why". */
final class Rejections {

    private Rejections() {
    }

    static OpenPgpException reject(Reason reason, String why) {
        return new OpenPgpException(reason, "Cannot decrypt snapshot: " + why);
    }

    static OpenPgpException malformed(String why, Throwable cause) {
        return new OpenPgpException(MALFORMED, "Cannot decrypt snapshot: " + why, cause);
    }

    /**
     * A Bouncy Castle parse error becomes MALFORMED (its message stays in the cause, which
     * never holds plaintext); a packet over its size limit says so; a failure of the caller's
     * own stream is rethrown as itself.
     */
    static OpenPgpException parseFailure(Exception e) throws IOException {
        IOException callerFailure = CallerStreams.callerFailure(e);
        if (callerFailure != null) {
            throw callerFailure;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BoundedPackets.TooLarge tooLarge) {
                return malformed(tooLarge.getMessage(), e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return malformed("the message is truncated", e);
            }
        }
        return malformed("it is not a well-formed OpenPGP message", e);
    }
}

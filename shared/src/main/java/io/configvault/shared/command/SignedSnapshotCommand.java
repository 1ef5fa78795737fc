package io.configvault.shared.command;

import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpSigned;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;

/**
 * The signed form of a snapshot request, the value of a command record: an OpenPGP signed (not
 * encrypted: nothing in it is secret) message of the JSON document, signed by the vault's ingest
 * key. The agent verifies it against the ingest key it pinned at enrolment before it reads a
 * single field. Stateless and thread-safe.
 */
public final class SignedSnapshotCommand {

    /** Longest accepted signed message: the document plus its OpenPGP packets. */
    public static final int MAX_MESSAGE_BYTES = SnapshotCommandCodec.MAX_BYTES + 2048;

    private static final String LITERAL_NAME = "snapshot-request.json";

    private SignedSnapshotCommand() {
    }

    /** The signed message of {@code command}. */
    public static byte[] sign(SnapshotCommand command, PgpSecretKey ingestKey)
            throws OpenPgpException {
        return OpenPgpSigned.sign(SnapshotCommandCodec.encode(command), ingestKey, LITERAL_NAME);
    }

    /**
     * The command inside {@code message}, once the ingest key's signature over it verified and
     * the document parsed strictly. Checks nothing about whom it addresses or when: the caller's.
     *
     * @throws OpenPgpException               not signed by {@code ingestKey}, or not a valid
     *                                        signed message (larger than
     *                                        {@link #MAX_MESSAGE_BYTES} included)
     * @throws SnapshotCommandFormatException signed, but not a valid format-1 document
     */
    public static SnapshotCommand verify(byte[] message, PgpPublicKey ingestKey)
            throws OpenPgpException, SnapshotCommandFormatException {
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new SnapshotCommandFormatException("signed snapshot request larger than "
                    + MAX_MESSAGE_BYTES + " bytes");
        }
        return SnapshotCommandCodec.decode(OpenPgpSigned.verify(message, ingestKey,
                SnapshotCommandCodec.MAX_BYTES));
    }
}

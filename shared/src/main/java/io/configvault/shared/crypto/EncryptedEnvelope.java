package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.INTEGRITY_CHECK_FAILED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.MALFORMED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.NO_INTEGRITY_PROTECTION;
import static io.configvault.shared.crypto.OpenPgpException.Reason.NO_MATCHING_DECRYPTION_KEY;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WEAK_OR_UNKNOWN_ALGORITHM;
import static io.configvault.shared.crypto.Rejections.malformed;
import static io.configvault.shared.crypto.Rejections.parseFailure;
import static io.configvault.shared.crypto.Rejections.reject;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.AEADEncDataPacket;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.InputStreamPacket;
import org.bouncycastle.bcpg.PacketTags;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.PGPSessionKeyEncryptedData;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JceSessionKeyDataDecryptorFactoryBuilder;

/**
 * The outer layer of a message: session key packets and the encrypted data packet. Checks
 * everything that can be checked before decrypting (recipient count, no password packets,
 * integrity protection, cipher), recovers the session key with one of our keys, and afterwards
 * checks the MDC and that nothing follows the message. One instance per message; not
 * thread-safe.
 */
final class EncryptedEnvelope {

    private final BCPGInputStream packets;
    private final PGPEncryptedDataList list;
    private PGPSessionKeyEncryptedData data;

    /** The session key and whose key recovered it. */
    record SessionKey(PgpSecretKey recipient, PGPSessionKey key) {
        @Override
        public String toString() {
            return "SessionKey[" + recipient.fingerprint() + "]";
        }
    }

    private EncryptedEnvelope(BCPGInputStream packets, PGPEncryptedDataList list) {
        this.packets = packets;
        this.list = list;
    }

    /** Reads the session key packets and the header of the encrypted data packet. */
    static EncryptedEnvelope open(InputStream source, int maxRecipients)
            throws OpenPgpException, IOException {
        SessionKeyPackets packets = new SessionKeyPackets(source, maxRecipients);
        try {
            int tag = packets.nextPacketTag();
            while (tag == PacketTags.MARKER) { // RFC 4880 5.8: ignore
                BoundedPackets.readRaw(packets, 16);
                tag = packets.nextPacketTag();
            }
            switch (tag) {
                case -1 -> throw malformed("the input is empty", null);
                case PacketTags.PUBLIC_KEY_ENC_SESSION, PacketTags.SYMMETRIC_KEY_ENC_SESSION,
                     PacketTags.SYMMETRIC_KEY_ENC, PacketTags.SYM_ENC_INTEGRITY_PRO,
                     PacketTags.AEAD_ENC_DATA -> { }
                default -> throw malformed("it is not an encrypted OpenPGP message (first packet"
                        + " has tag " + tag + ")", null);
            }
            EncryptedEnvelope envelope =
                    new EncryptedEnvelope(packets, new PGPEncryptedDataList(packets));
            envelope.checkProtection();
            return envelope;
        } catch (SessionKeyPackets.Rejected e) {
            throw e.rejection();
        } catch (IOException | RuntimeException e) {
            throw parseFailure(e);
        }
    }

    private void checkProtection() throws OpenPgpException {
        InputStreamPacket packet = list.getEncryptedData();
        if (packet instanceof SymmetricEncIntegrityPacket seipd) {
            if (seipd.getVersion() == SymmetricEncIntegrityPacket.VERSION_2) {
                throw reject(WEAK_OR_UNKNOWN_ALGORITHM, "it uses version 2 (AEAD) encrypted"
                        + " data; only version 1 (with MDC) is accepted");
            }
            if (seipd.getVersion() != SymmetricEncIntegrityPacket.VERSION_1) {
                throw malformed("its encrypted data packet has the unknown version "
                        + seipd.getVersion(), null);
            }
        } else if (packet instanceof AEADEncDataPacket) {
            throw reject(WEAK_OR_UNKNOWN_ALGORITHM, "it uses the LibrePGP OCB encrypted data"
                    + " packet; only version 1 integrity-protected data (with MDC) is accepted");
        } else {
            throw reject(NO_INTEGRITY_PROTECTION, "it is encrypted without integrity protection"
                    + " (no MDC)");
        }
    }

    /** Recovers the session key with the first of {@code keys} the message is encrypted to. */
    SessionKey recoverSessionKey(List<PgpSecretKey> keys) throws OpenPgpException {
        List<String> recipients = new ArrayList<>();
        OpenPgpException damaged = null;
        for (PGPEncryptedData method : list) {
            if (!(method instanceof PGPPublicKeyEncryptedData encrypted)) {
                continue; // password packets were refused while reading
            }
            long keyId = encrypted.getKeyIdentifier().getKeyId();
            boolean hidden = keyId == 0; // gpg --throw-keyids: try every key
            recipients.add(hidden ? "hidden recipient" : Fingerprints.keyId(keyId));
            for (PgpSecretKey key : keys) {
                List<PgpSecretKey.Unlocked> candidates = hidden ? key.decryptionKeys()
                        : key.decryptionKey(keyId) == null ? List.of()
                        : List.of(key.decryptionKey(keyId));
                for (PgpSecretKey.Unlocked candidate : candidates) {
                    try {
                        PublicKeyDataDecryptorFactory factory =
                                new JcePublicKeyDataDecryptorFactoryBuilder()
                                        .setProvider(Jca.BOUNCY_CASTLE)
                                        .setContentProvider(Jca.SYMMETRIC_PROVIDER)
                                        .build(candidate.privateKey());
                        return new SessionKey(key, encrypted.getSessionKey(factory));
                    } catch (PGPException | RuntimeException e) {
                        if (!hidden) {
                            damaged = new OpenPgpException(INTEGRITY_CHECK_FAILED,
                                    "Cannot decrypt snapshot: the session key packet for key "
                                            + Fingerprints.of(candidate.publicKey())
                                            + " does not decrypt (damaged or forged)", e);
                        }
                    }
                }
            }
        }
        if (damaged != null) {
            throw damaged;
        }
        throw reject(NO_MATCHING_DECRYPTION_KEY, "it is encrypted to " + recipients
                + ", none of which belongs to "
                + keys.stream().map(PgpSecretKey::fingerprint).toList());
    }

    /** Starts decrypting; the stream yields the packets inside the encrypted data packet. */
    InputStream decrypt(SessionKey sessionKey) throws OpenPgpException, IOException {
        int cipher = sessionKey.key().getAlgorithm();
        if (!Profile.ACCEPTED_CIPHERS.contains(cipher)) {
            throw reject(WEAK_OR_UNKNOWN_ALGORITHM, "it is encrypted with "
                    + Profile.cipherName(cipher)
                    + "; only AES-128, AES-192 and AES-256 are accepted");
        }
        int expectedKeyBytes = switch (cipher) {
            case SymmetricKeyAlgorithmTags.AES_128 -> 16;
            case SymmetricKeyAlgorithmTags.AES_192 -> 24;
            default -> 32;
        };
        if (sessionKey.key().getKey().length != expectedKeyBytes) {
            throw reject(MALFORMED, "its session key does not have the length "
                    + Profile.cipherName(cipher) + " needs");
        }
        data = list.extractSessionKeyEncryptedData();
        try {
            return data.getDataStream(JdkDigests.withJdkMdc(
                    new JceSessionKeyDataDecryptorFactoryBuilder()
                            .setProvider(Jca.SYMMETRIC_PROVIDER)
                            .build(sessionKey.key())));
        } catch (PGPException | RuntimeException e) {
            throw parseFailure(e);
        }
    }

    /**
     * Checks the MDC. Call after the decrypted stream has been read to its end; reads whatever
     * is left.
     */
    void checkIntegrity() throws OpenPgpException, IOException {
        boolean intact;
        try {
            intact = data.verify();
        } catch (PGPException | IOException e) {
            IOException callerFailure = CallerStreams.callerFailure(e);
            if (callerFailure != null) {
                throw callerFailure;
            }
            throw new OpenPgpException(INTEGRITY_CHECK_FAILED,
                    "Cannot decrypt snapshot: the integrity check (MDC) cannot be completed", e);
        }
        if (!intact) {
            throw reject(INTEGRITY_CHECK_FAILED, "the integrity check (MDC) failed: the"
                    + " ciphertext was modified or damaged");
        }
    }

    /**
     * After an error inside the encrypted data: if the MDC does not hold either, the message was
     * tampered with and that is the better explanation. Reads at most {@code maxBytes} more.
     */
    OpenPgpException integrityFailureOr(OpenPgpException original, InputStream decrypted,
                                        long maxBytes) throws IOException {
        try {
            long left = maxBytes;
            byte[] buffer = new byte[Profile.BUFFER_BYTES];
            for (int n; (n = decrypted.read(buffer)) != -1; ) {
                left -= n;
                if (left < 0) {
                    return original;
                }
            }
            checkIntegrity();
            return original;
        } catch (OpenPgpException integrityFailure) {
            return integrityFailure;
        } catch (IOException | RuntimeException e) {
            IOException callerFailure = CallerStreams.callerFailure(e);
            if (callerFailure != null) {
                throw callerFailure;
            }
            return original;
        }
    }

    /** The message must end with the encrypted data packet. */
    void checkNothingFollows() throws OpenPgpException, IOException {
        try {
            if (packets.nextPacketTag() != -1) {
                throw reject(MALFORMED, "there is data after the end of the message");
            }
        } catch (IOException e) {
            throw parseFailure(e);
        }
    }
}

package io.configvault.shared.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.KeyFingerPrintCalculator;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;

/**
 * The JCA providers and Bouncy Castle operator factories this package uses, in one place.
 *
 * <p>Bouncy Castle does the asymmetric work (Ed25519, X25519, RSA, ECDH key wrapping) through a
 * private provider instance, so that nothing here depends on, or changes, the JVM's provider
 * list. The symmetric cipher is the JDK's SunJCE AES ("AES/CFB/NoPadding"), which uses AES-NI
 * and is several times faster than Bouncy Castle's AES. Digests over bulk data and the S2K come
 * from the JDK's default providers (SUN), which use the SHA intrinsics; see {@link JdkDigests}
 * for the places where Bouncy Castle would otherwise use its own.
 */
final class Jca {

    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    static final String SYMMETRIC_PROVIDER = "SunJCE";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PGPDigestCalculatorProvider DIGESTS = digestProvider();
    private static final KeyFingerPrintCalculator FINGERPRINTS = new JcaKeyFingerprintCalculator();

    private Jca() {
    }

    /** Thread-safe: {@link SecureRandom} instances are safe for concurrent use. */
    static SecureRandom random() {
        return RANDOM;
    }

    static KeyFingerPrintCalculator fingerprints() {
        return FINGERPRINTS;
    }

    static PGPDigestCalculatorProvider digests() {
        return DIGESTS;
    }

    static PGPDigestCalculator digest(int algorithm) {
        try {
            return DIGESTS.get(algorithm);
        } catch (PGPException e) {
            throw new IllegalStateException("The JDK lacks " + Profile.hashName(algorithm), e);
        }
    }

    /** Signature verifiers: Bouncy Castle provider, JDK hashing for Ed25519. */
    static PGPContentVerifierBuilderProvider verifiers() {
        return JdkDigests.verifiers();
    }

    private static PGPDigestCalculatorProvider digestProvider() {
        try {
            return new JcaPGPDigestCalculatorProviderBuilder().build();
        } catch (PGPException e) {
            throw new IllegalStateException("Cannot create the JDK digest provider", e);
        }
    }
}

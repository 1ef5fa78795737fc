package io.configvault.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.configvault.shared.fuzz.Mutator;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of valid messages (QUALITY scenario 28): the decryptor answers every one with
 * an {@link OpenPgpException}, never with an unchecked exception and never by accepting it.
 * Seeded, so a failure names the seed and iteration that reproduce it; add such inputs to
 * {@link OpenPgpRoundTripTest} as regression tests. The byte-level mutations are
 * {@link Mutator}'s, shared with the parser fuzz tests (docs/design.md, "Testing: fuzzing").
 */
class OpenPgpDecryptorFuzzTest {

    /** Override with -Dfuzz.seed=... -Dfuzz.iterations=... for a longer run. */
    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_C0FF_EEL);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 1_500);

    @Test
    void mutatedMessagesAreRefusedWithADeclaredException() throws Exception {
        TestKeys.Key appliance = TestKeys.appliance();
        TestKeys.Key vault = TestKeys.vault();
        List<byte[]> originals = List.of(
                Messages.seal("small".getBytes(), appliance, vault),
                Messages.seal(new PatternInputStream(70_000, 1).readAllBytes(), appliance, vault),
                Messages.seal(new byte[0], appliance, vault));
        // The session key packets of other recipients are outside anything we can check
        // (OpenPGP does not authenticate them), so a message to several recipients may still
        // decrypt after one of theirs is damaged; it must just never throw anything undeclared.
        byte[] toSeveral = Messages.seal("several".getBytes(), appliance, vault,
                TestKeys.escrow(), TestKeys.outsider());
        SplittableRandom random = new SplittableRandom(SEED);

        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            boolean several = iteration % 4 == 3;
            byte[] original = several ? toSeveral : originals.get(iteration % 4);
            byte[] mutated = Mutator.mutate(original, random);
            if (Arrays.equals(mutated, original)) {
                continue;
            }
            boolean accepted;
            try {
                OpenPgpDecryptor.decrypt(new ByteArrayInputStream(mutated),
                        OutputStream.nullOutputStream(), List.of(vault.secretKey()),
                        appliance.publicKey(), new OpenPgpDecryptor.Limits(1 << 20, 16));
                accepted = true;
            } catch (OpenPgpException expected) {
                assertThat(expected).hasMessageStartingWith("Cannot decrypt snapshot: ");
                accepted = false;
            } catch (RuntimeException unexpected) {
                throw new AssertionError("mutation " + iteration + " (seed "
                        + Long.toHexString(SEED) + ") threw " + unexpected + ": "
                        + hex(mutated), unexpected);
            }
            if (accepted && !several) {
                fail("accepted mutation %d (seed %x): %s", iteration, SEED, hex(mutated));
            }
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 512));
    }
}

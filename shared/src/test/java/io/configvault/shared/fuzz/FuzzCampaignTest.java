package io.configvault.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fuzz harness itself: it must notice each kind of finding and keep the input. */
class FuzzCampaignTest {

    @Test
    void anUndeclaredExceptionFailsWithSeedIterationAndTheSavedInput() throws Exception {
        Path crashes = Path.of("target/fuzz-crashes/selftest-undeclared");
        deleteAll(crashes);
        Toy target = new Toy("selftest-undeclared", input -> {
            if (contains(input, (byte) 0x42)) {
                throw new IllegalStateException("boom");
            }
            refuse(input);
        });

        assertThatThrownBy(() -> new FuzzCampaign<>(target, ".bin").runFor(100_000))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fuzz selftest-undeclared, iteration ")
                .hasMessageContaining("the parser threw java.lang.IllegalStateException: boom")
                .hasMessageContaining("reproduce with -Dfuzz.seed=0x")
                .hasCauseInstanceOf(IllegalStateException.class);
        try (var saved = Files.list(crashes)) {
            List<Path> files = saved.toList();
            assertThat(files).hasSize(1);
            assertThat(contains(Files.readAllBytes(files.getFirst()), (byte) 0x42)).isTrue();
        }
    }

    @Test
    void anAllocationOverTheBudgetIsAFinding() {
        Toy target = new Toy("selftest-allocation", input -> {
            if (input.length > 4) {
                byte[] declared = new byte[8 << 20];
                declared[0] = input[0];
            }
            refuse(input);
        });

        assertThatThrownBy(() -> new FuzzCampaign<>(target, ".bin").runFor(100_000))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("more than its budget of 1048576");
    }

    @Test
    void aWrongRefusalMessageIsAFinding() {
        Toy target = new Toy("selftest-message", input -> {
            if (input.length > 2) {
                throw new IllegalArgumentException("raw\ninput");
            }
        });

        assertThatThrownBy(() -> new FuzzCampaign<>(target, ".bin").runFor(100_000))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("refused with a wrong message: message with a control"
                        + " character: raw?input");
    }

    @Test
    void aCleanRunReportsWhatItDid() throws Exception {
        Toy target = new Toy("selftest-clean", FuzzCampaignTest::refuse);

        FuzzCampaign.Report report = new FuzzCampaign<>(target, ".bin").runFor(2_000);

        assertThat(report.iterations()).isEqualTo(2_000);
        assertThat(report.outcomes()).isEqualTo(2); // accepted, refused
        assertThat(report.corpusFiles()).isZero();
    }

    /** Accepts inputs of at most two bytes, refuses longer ones. */
    private static void refuse(byte[] input) {
        if (input.length > 2) {
            throw new IllegalArgumentException("too long");
        }
    }

    private static boolean contains(byte[] bytes, byte wanted) {
        for (byte b : bytes) {
            if (b == wanted) {
                return true;
            }
        }
        return false;
    }

    private static void deleteAll(Path dir) throws Exception {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private interface Parser {
        void parse(byte[] input);
    }

    private record Toy(String name, Parser parser) implements BytesFuzzTarget {
        @Override
        public List<byte[]> seeds() {
            return List.of(new byte[] {0});
        }

        @Override
        public byte[] mutate(byte[] input, SplittableRandom random) {
            return random.nextBoolean() ? Mutator.mutateAny(input, random)
                    : Mutator.insert(input, 0, new byte[] {(byte) random.nextInt(256)});
        }

        @Override
        public void parse(byte[] input) {
            parser.parse(input);
        }

        @Override
        public Class<? extends Exception> declared() {
            return IllegalArgumentException.class;
        }

        @Override
        public void checkRefusal(Exception refusal) {
            FuzzTarget.requireSafeMessage(refusal, "too long", "raw");
        }

        @Override
        public long allocationBudget(byte[] input) {
            return 1 << 20;
        }
    }
}

package io.configvault.shared.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.fuzz.FuzzCampaign;
import io.configvault.shared.fuzz.FuzzTarget;
import io.configvault.shared.fuzz.Mutator;
import io.configvault.shared.snapshot.SnapshotId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the event decoder (QUALITY scenario 28), the first code that touches a record from the
 * bus: header values changed, dropped, repeated, renamed and reordered, foreign headers added,
 * key and payload changed. It accepts, or refuses with an {@link EventFormatException} whose
 * message is safe to log; an accepted record is in canonical form (encoding what was decoded gives
 * back every known header byte for byte). Corpus: {@code src/test/resources/fuzz/segment/}
 * ({@link RecordFiles} format).
 */
class SegmentCodecFuzzTest {

    private static final List<String> NAMES = List.of(SegmentCodec.H_FORMAT, SegmentCodec.H_TYPE,
            SegmentCodec.H_APPLIANCE, SegmentCodec.H_SNAPSHOT, SegmentCodec.H_INDEX,
            SegmentCodec.H_COUNT, SegmentCodec.H_BYTES, SegmentCodec.H_SHA256);

    @Test
    void mutatedRecordsAreAcceptedOrRefusedWithEventFormatException() throws Exception {
        FuzzCampaign.Report report = new FuzzCampaign<>(new Target(), ".record")
                .run(100_000, 20);

        assertThat(report.corpusFiles()).as("regression corpus replayed").isPositive();
    }

    private static final class Target implements FuzzTarget<EncodedRecord> {
        @Override
        public String name() {
            return "segment";
        }

        @Override
        public List<EncodedRecord> seeds() {
            SnapshotId id = SnapshotId.parse("01936f4e-8a00-7abc-8def-0123456789ab");
            return List.of(
                    SegmentCodec.encode(new Segment("demo-nas", id, 0, 3, 1_200_000,
                            "c".repeat(64), new byte[] {1, 2, 3})),
                    SegmentCodec.encode(new Segment("a.b_c-9", id, 2, 3, 7, "0".repeat(64),
                            new byte[100])),
                    SegmentCodec.encode(new Segment("nas-17", id, 0, 1, 812, "d".repeat(64),
                            new byte[812], EventKind.HEARTBEAT)));
        }

        @Override
        public EncodedRecord mutate(EncodedRecord record, SplittableRandom random) {
            List<Header> headers = new ArrayList<>(record.headers());
            int at = headers.isEmpty() ? 0 : random.nextInt(headers.size());
            byte[] key = record.key();
            byte[] value = record.value();
            switch (random.nextInt(12)) {
                case 0, 1, 2 -> {
                    if (!headers.isEmpty()) {
                        byte[] old = headers.get(at).value();
                        headers.set(at, new Header(headers.get(at).name(), old == null
                                ? new byte[0] : Mutator.textBytes(old, random)));
                    }
                }
                case 3 -> {
                    if (!headers.isEmpty()) {
                        headers.remove(at);
                    }
                }
                case 4 -> {
                    if (!headers.isEmpty()) { // repeated, sometimes with another value
                        Header copy = headers.get(at);
                        headers.add(random.nextInt(headers.size() + 1), random.nextBoolean()
                                ? copy : new Header(copy.name(), Mutator.textBytes(
                                copy.value() == null ? new byte[0] : copy.value(), random)));
                    }
                }
                case 5 -> {
                    if (!headers.isEmpty()) { // renamed
                        String name = random.nextBoolean() ? Mutator.pick(NAMES, random)
                                : Mutator.text(headers.get(at).name(), random);
                        headers.set(at, new Header(name, headers.get(at).value()));
                    }
                }
                case 6 -> headers.add(random.nextInt(headers.size() + 1), new Header(
                        Mutator.pick(List.of("traceparent", "cv-extra", "x", ""), random),
                        random.nextInt(8) == 0 ? null
                                : new byte[random.nextInt(Mutator.pick(List.of(1, 200), random))]));
                case 7 -> {
                    if (headers.size() > 1) { // reordered
                        headers.add(headers.remove(at));
                    }
                }
                case 8 -> { // key and appliance header changed together, past the equality check
                    byte[] appliance = Mutator.textBytes(key == null ? new byte[0] : key, random);
                    key = appliance;
                    headers.replaceAll(h -> h.name().equals(SegmentCodec.H_APPLIANCE)
                            ? new Header(h.name(), appliance) : h);
                }
                case 9 -> key = random.nextInt(4) == 0 ? null
                        : Mutator.mutateAny(key == null ? new byte[0] : key, random);
                case 10 -> value = payload(value, random);
                default -> {
                    if (!headers.isEmpty()) {
                        headers.set(at, new Header(headers.get(at).name(), random.nextInt(8) == 0
                                ? null : Mutator.pick(Mutator.EDGE_STRINGS, random)
                                .getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            return new EncodedRecord(key, headers, value);
        }

        private static byte[] payload(byte[] value, SplittableRandom random) {
            return switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> new byte[0];
                case 2 -> new byte[SegmentCodec.MAX_SEGMENT_BYTES + random.nextInt(0, 2)];
                default -> Mutator.mutateAny(value == null ? new byte[0] : value, random);
            };
        }

        @Override
        public byte[] toBytes(EncodedRecord input) {
            return RecordFiles.write(input);
        }

        @Override
        public EncodedRecord fromBytes(byte[] bytes) {
            return RecordFiles.read(bytes);
        }

        @Override
        public void parse(EncodedRecord input) throws Exception {
            Segment segment = SegmentCodec.decode(input);
            EncodedRecord canonical = SegmentCodec.encode(segment);
            assertThat(canonical.key()).as("key").isEqualTo(input.key());
            assertThat(canonical.value()).as("payload").isEqualTo(input.value());
            for (Header header : canonical.headers()) {
                List<byte[]> given = input.headers().stream()
                        .filter(h -> h.name().equals(header.name())).map(Header::value).toList();
                assertThat(given).as("header %s", header.name()).hasSize(1);
                assertThat(Arrays.equals(given.getFirst(), header.value()))
                        .as("header %s is canonical", header.name()).isTrue();
            }
        }

        @Override
        public Class<? extends Exception> declared() {
            return EventFormatException.class;
        }

        @Override
        public void checkRefusal(Exception refusal) {
            FuzzTarget.requireSafeMessage(refusal, "Malformed snapshot event: ");
        }

        @Override
        public long allocationBudget(EncodedRecord input) {
            // Header strings of at most 128 bytes and a few matchers (the payload is not copied),
            // and classes loaded the first time a path runs.
            return (1L << 20) + 1024L * input.headers().size();
        }
    }
}

package io.configvault.shared.bundle;

import io.configvault.shared.fuzz.JsonMutator;
import io.configvault.shared.fuzz.Mutator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Structure-aware mutations of tar archives (bundles): header fields set to edge values with the
 * header checksum fixed (so the change gets past the checksum), pax headers and GNU long names
 * inserted, the manifest entry's JSON mutated and re-framed, entry content changed, 512-byte
 * blocks dropped, repeated or swapped, archives truncated. Stateless.
 */
final class TarMutator {

    private static final int BLOCK = 512;
    private static final int NAME = 0;
    private static final int MODE = 100;
    private static final int SIZE = 124;
    private static final int MTIME = 136;
    private static final int CHECKSUM = 148;
    private static final int TYPE = 156;
    private static final int LINK_NAME = 157;
    private static final int MAGIC = 257;
    private static final int PREFIX = 345;

    private static final String TYPES = "0\u000012345678xgLKSVMDNA";
    private static final List<String> PAX_RECORDS = List.of("path=../escape", "path=a.conf",
            "path=manifest.json", "size=99999999999", "size=-1", "size=0x10", "size=",
            "mtime=1e999", "linkpath=/etc/passwd", "GNU.sparse.map=0,10,20,30",
            "GNU.sparse.major=1", "GNU.sparse.minor=0", "GNU.sparse.size=999",
            "GNU.sparse.realsize=99999999999", "GNU.sparse.numblocks=2147483647",
            "SCHILY.devmajor=1", "hdrcharset=BINARY", "uid=-5", "x".repeat(300) + "=y");

    private TarMutator() {
    }

    static byte[] mutate(byte[] tar, SplittableRandom random) {
        List<Integer> headers = headers(tar);
        if (headers.isEmpty() || random.nextInt(10) == 0) {
            return Mutator.mutateAny(tar, random);
        }
        int header = Mutator.pick(headers, random);
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> headerField(tar, header, random);
            case 3 -> insert(tar, header, paxHeader(random));
            case 4 -> insert(tar, header, longName(random));
            case 5, 6 -> manifest(tar, headers.getFirst(), random);
            case 7 -> content(tar, header, random);
            case 8 -> truncated(tar, random);
            default -> blocks(tar, random);
        };
    }

    /** Offsets of the headers a reader walking the archive would meet, as far as it can walk. */
    static List<Integer> headers(byte[] tar) {
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        while (at + BLOCK <= tar.length && !isZero(tar, at)) {
            offsets.add(at);
            long size = octal(tar, at + SIZE, 12);
            if (size < 0 || size > tar.length) {
                break;
            }
            at += BLOCK + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        return offsets;
    }

    private static byte[] headerField(byte[] tar, int header, SplittableRandom random) {
        byte[] out = tar.clone();
        long size = octal(tar, header + SIZE, 12);
        switch (random.nextInt(8)) {
            case 0 -> field(out, header + NAME, 100, Mutator.textBytes(
                    cString(tar, header + NAME, 100), random));
            case 1 -> field(out, header + SIZE, 12, Mutator.pick(List.of(
                    octalField(size + 1, 12), octalField(Math.max(size - 1, 0), 12),
                    octalField(0, 12), "77777777777\0", "777777777777", "        \0", "12a4\0",
                    "-1\0"), random).getBytes(StandardCharsets.ISO_8859_1));
            case 2 -> { // base-256 sizes: 8 GiB, and a negative one
                byte[] big = new byte[12];
                big[0] = (byte) 0x80;
                big[random.nextBoolean() ? 7 : 11] = 2;
                if (random.nextBoolean()) {
                    Arrays.fill(big, (byte) 0xff);
                }
                field(out, header + SIZE, 12, big);
            }
            case 3 -> out[header + TYPE] = (byte) TYPES.charAt(random.nextInt(TYPES.length()));
            case 4 -> field(out, header + Mutator.pick(List.of(MODE, MTIME, 108, 116, 329, 337),
                    random), 8, Mutator.pick(List.of("7777777\0", "\0", "9\0", "-1\0", "       \0",
                    "\u0080\u0080\u0080\u0080\u0080\u0080\u0080\u0080"), random)
                    .getBytes(StandardCharsets.ISO_8859_1));
            case 5 -> field(out, header + MAGIC, 8, Mutator.pick(List.of("ustar\u000000",
                    "ustar  \0", "\0\0\0\0\0\0\0\0", "USTAR\u000000", "ustar\u000099"), random)
                    .getBytes(StandardCharsets.ISO_8859_1));
            case 6 -> field(out, header + PREFIX, 155, Mutator.pick(List.of("..", "a", "x"
                    .repeat(155), "/", "manifest.json"), random).getBytes(StandardCharsets.UTF_8));
            default -> field(out, header + LINK_NAME, 100, Mutator.pick(List.of("../x",
                    "manifest.json", "/etc/shadow", "a.conf"), random)
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (random.nextInt(8) != 0) {
            fixChecksum(out, header);
        }
        return out;
    }

    private static byte[] paxHeader(SplittableRandom random) {
        StringBuilder records = new StringBuilder();
        for (int i = random.nextInt(1, 4); i > 0; i--) {
            String record = " " + Mutator.pick(PAX_RECORDS, random) + "\n";
            int length = record.length() + String.valueOf(record.length()).length();
            if (String.valueOf(length).length() != String.valueOf(record.length()).length()) {
                length++;
            }
            records.append(Mutator.pick(List.of(String.valueOf(length), String.valueOf(length),
                    String.valueOf(length), "0", "99999999999", "-3", ""), random)).append(record);
        }
        byte[] data = records.toString().getBytes(StandardCharsets.UTF_8);
        char type = random.nextInt(4) == 0 ? 'g' : 'x';
        return entry("PaxHeaders/x", type, data, data.length);
    }

    private static byte[] longName(SplittableRandom random) {
        byte[] name = Mutator.pick(List.of("a.conf", "../../etc/passwd", "x".repeat(600),
                "manifest.json", ""), random).getBytes(StandardCharsets.UTF_8);
        long declared = random.nextInt(3) == 0 ? 1L << 30 : name.length + 1;
        return entry("././@LongLink", random.nextBoolean() ? 'L' : 'K',
                Arrays.copyOf(name, name.length + 1), declared);
    }

    private static byte[] manifest(byte[] tar, int header, SplittableRandom random) {
        long size = octal(tar, header + SIZE, 12);
        int start = header + BLOCK;
        if (size < 0 || start + size > tar.length) {
            return Mutator.mutateAny(tar, random);
        }
        byte[] json = Arrays.copyOfRange(tar, start, start + (int) size);
        byte[] mutated = JsonMutator.mutate(json, random);
        byte[] headerBlock = Arrays.copyOfRange(tar, header, start);
        if (random.nextInt(8) != 0) {
            field(headerBlock, SIZE, 12, octalField(mutated.length, 12)
                    .getBytes(StandardCharsets.ISO_8859_1));
            fixChecksum(headerBlock, 0);
        }
        int end = (int) Math.min(tar.length, start + (size + BLOCK - 1) / BLOCK * BLOCK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tar, 0, header);
        out.writeBytes(headerBlock);
        out.writeBytes(mutated);
        out.writeBytes(new byte[(BLOCK - mutated.length % BLOCK) % BLOCK]);
        out.write(tar, end, tar.length - end);
        return out.toByteArray();
    }

    private static byte[] content(byte[] tar, int header, SplittableRandom random) {
        byte[] out = tar.clone();
        long size = octal(tar, header + SIZE, 12);
        if (size > 0 && header + BLOCK + size <= tar.length) {
            out[header + BLOCK + random.nextInt((int) size)] ^= (byte) random.nextInt(1, 256);
        }
        return out;
    }

    private static byte[] truncated(byte[] tar, SplittableRandom random) {
        int at = random.nextBoolean() ? random.nextInt(tar.length / BLOCK + 1) * BLOCK
                : random.nextInt(tar.length + 1);
        return Arrays.copyOf(tar, at);
    }

    private static byte[] blocks(byte[] tar, SplittableRandom random) {
        int count = tar.length / BLOCK;
        if (count < 2) {
            return Mutator.mutateAny(tar, random);
        }
        int a = random.nextInt(count) * BLOCK;
        int b = random.nextInt(count) * BLOCK;
        byte[] blockA = Arrays.copyOfRange(tar, a, a + BLOCK);
        return switch (random.nextInt(4)) {
            case 0 -> { // drop
                byte[] out = new byte[tar.length - BLOCK];
                System.arraycopy(tar, 0, out, 0, a);
                System.arraycopy(tar, a + BLOCK, out, a, tar.length - a - BLOCK);
                yield out;
            }
            case 1 -> Mutator.insert(tar, b, blockA); // repeat
            case 2 -> Mutator.insert(tar, b, new byte[BLOCK]); // an early end-of-archive marker
            default -> { // swap
                byte[] out = tar.clone();
                System.arraycopy(tar, b, out, a, BLOCK);
                System.arraycopy(blockA, 0, out, b, BLOCK);
                yield out;
            }
        };
    }

    /** A header block of {@code type} declaring {@code declared} bytes, then {@code data}. */
    private static byte[] entry(String name, char type, byte[] data, long declared) {
        byte[] header = new byte[BLOCK];
        field(header, NAME, 100, name.getBytes(StandardCharsets.US_ASCII));
        field(header, MODE, 8, "0000644\0".getBytes(StandardCharsets.US_ASCII));
        field(header, SIZE, 12, octalField(declared, 12).getBytes(StandardCharsets.US_ASCII));
        field(header, MTIME, 12, octalField(0, 12).getBytes(StandardCharsets.US_ASCII));
        header[TYPE] = (byte) type;
        field(header, MAGIC, 8, "ustar\u000000".getBytes(StandardCharsets.US_ASCII));
        fixChecksum(header, 0);
        byte[] out = Arrays.copyOf(header, BLOCK + (data.length + BLOCK - 1) / BLOCK * BLOCK);
        System.arraycopy(data, 0, out, BLOCK, data.length);
        return out;
    }

    private static byte[] insert(byte[] tar, int at, byte[] inserted) {
        return Mutator.insert(tar, at, inserted);
    }

    private static void field(byte[] block, int offset, int length, byte[] value) {
        Arrays.fill(block, offset, offset + length, (byte) 0);
        System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
    }

    private static String octalField(long value, int length) {
        String digits = Long.toOctalString(value);
        return "0".repeat(Math.max(0, length - 1 - digits.length())) + digits + "\0";
    }

    private static void fixChecksum(byte[] tar, int header) {
        Arrays.fill(tar, header + CHECKSUM, header + CHECKSUM + 8, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += tar[header + i] & 0xff;
        }
        field(tar, header + CHECKSUM, 8, (octalField(sum, 7) + " ")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** An octal header number, or -1 when the field holds anything else. */
    private static long octal(byte[] tar, int offset, int length) {
        long value = 0;
        int i = offset;
        while (i < offset + length && tar[i] == ' ') {
            i++;
        }
        int digits = 0;
        for (; i < offset + length && tar[i] >= '0' && tar[i] <= '7'; i++, digits++) {
            value = value * 8 + (tar[i] - '0');
        }
        return digits == 0 || value > Integer.MAX_VALUE ? -1 : value;
    }

    private static byte[] cString(byte[] tar, int offset, int length) {
        int end = offset;
        while (end < offset + length && tar[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(tar, offset, end);
    }

    private static boolean isZero(byte[] tar, int offset) {
        for (int i = offset; i < offset + BLOCK; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

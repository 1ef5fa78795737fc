package io.configvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM's heap as its own GC log shows it ({@code -Xlog:gc:file=<f>:timemillis}, see
 * {@link #jvmOption}): every pause logs the heap in use before and after it. Heap in use only
 * grows between pauses, so the largest "before" of the pauses in a stretch of time (plus the
 * first pause after it, which bounds its last part) is the stretch's heap high-water mark, at
 * the log's 1 MiB resolution; the largest "after" of a collecting pause is the most the
 * stretch kept live.
 */
final class GcLog {

    private static final Pattern PAUSE = Pattern.compile(
            "^\\[(\\d+)ms].* Pause .* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /**
     * One pause: when (epoch ms), the heap in use before and after it, and committed; {@code
     * collects} is false for a pause whose "after" is no live figure (see {@link #collects}).
     */
    record Pause(long epochMillis, long beforeBytes, long afterBytes, long committedBytes,
                 boolean collects) {
    }

    /**
     * The heap over a stretch of time.
     *
     * @param pauses      pauses counted (those in the stretch and the first one after it)
     * @param peakBytes   largest heap in use, before a pause
     * @param liveBytes   largest heap in use after a collecting pause
     * @param committedBytes largest heap the JVM had reserved
     */
    record Window(int pauses, long peakBytes, long liveBytes, long committedBytes) {
    }

    private GcLog() {
    }

    /** The JVM option that writes the log this class reads to {@code file}. */
    static String jvmOption(Path file) {
        return "-Xlog:gc:file=" + file + ":timemillis";
    }

    static List<Pause> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("Cannot read the GC log " + file + ": missing (was the JVM"
                    + " started with " + jvmOption(file) + "?)");
        }
        return parse(Files.readAllLines(file));
    }

    static List<Pause> parse(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses.add(new Pause(Long.parseLong(m.group(1)), bytes(m.group(2), m.group(3)),
                        bytes(m.group(4), m.group(5)), bytes(m.group(6), m.group(7)),
                        collects(line)));
            }
        }
        return pauses;
    }

    /**
     * Whether the pause's "after" says what stayed live: not for a marking cycle's remark and
     * cleanup (they free nothing), nor for a young pause that failed to evacuate (its "after" is
     * the full heap it could not empty).
     */
    private static boolean collects(String line) {
        return !line.contains("Pause Remark") && !line.contains("Pause Cleanup")
                && !line.contains("Evacuation Failure") && !line.contains("To-space exhausted");
    }

    /**
     * The heap between {@code fromMillis} and {@code toMillis} (epoch ms).
     *
     * @throws IllegalStateException when no pause falls in or after the stretch: the log then
     *     says nothing about it
     */
    static Window window(List<Pause> pauses, long fromMillis, long toMillis) {
        int count = 0;
        long peak = 0;
        long live = 0;
        long committed = 0;
        for (Pause pause : pauses) {
            if (pause.epochMillis() < fromMillis) {
                continue;
            }
            count++;
            peak = Math.max(peak, pause.beforeBytes());
            committed = Math.max(committed, pause.committedBytes());
            if (pause.epochMillis() > toMillis) {
                break;
            }
            if (pause.collects()) {
                live = Math.max(live, pause.afterBytes());
            }
        }
        if (count == 0) {
            throw new IllegalStateException("The GC log has no pause during or after the"
                    + " measured stretch: it cannot tell the heap's high-water mark");
        }
        return new Window(count, peak, live, committed);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n * 1024;
            case "M" -> n * 1024 * 1024;
            default -> n * 1024 * 1024 * 1024;
        };
    }
}

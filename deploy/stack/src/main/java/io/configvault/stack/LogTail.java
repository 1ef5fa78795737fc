package io.configvault.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a child's log files, for startup error messages. */
final class LogTail {

    private static final int LINES = 40;
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    /** The last lines of each file, each under a header naming it. */
    static String of(Path... files) {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append("\n--- last lines of ").append(file).append(" ---\n").append(tail(file));
        }
        return text.toString();
    }

    private static String tail(Path file) {
        if (!Files.isRegularFile(file)) {
            return "(does not exist)";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return lines.isEmpty()
                    ? "(empty)"
                    : String.join("\n", lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")";
        }
    }
}

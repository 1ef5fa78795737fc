package io.configvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory as Linux reports it in {@code /proc/<pid>/status}: resident set size now
 * ({@code VmRSS}) and its high-water mark since the process started ({@code VmHWM}). Both count
 * everything resident: heap, metaspace, code cache, thread stacks, native and direct buffers.
 *
 * @param rssBytes  {@code VmRSS}
 * @param peakBytes {@code VmHWM}
 */
record ProcStatus(long rssBytes, long peakBytes) {

    /** Reads {@code /proc/<pid>/status}. */
    static ProcStatus of(long pid) throws IOException {
        Path file = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(file)) {
            throw new IOException("Cannot read the memory of process " + pid + ": " + file
                    + " is missing (process gone, or not Linux)");
        }
        return parse(Files.readString(file), file.toString());
    }

    /** Parses the text of a status file; {@code source} names it in errors. */
    static ProcStatus parse(String status, String source) {
        return new ProcStatus(kibField(status, "VmRSS", source) * 1024,
                kibField(status, "VmHWM", source) * 1024);
    }

    private static long kibField(String status, String name, String source) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).strip();
                if (!value.endsWith(" kB")) {
                    throw new IllegalArgumentException("Cannot read " + name + " in " + source
                            + ": expected '<n> kB', found '" + value + "'");
                }
                return Long.parseLong(value.substring(0, value.length() - 3).strip());
            }
        }
        throw new IllegalArgumentException("Cannot read " + name + " in " + source
                + ": no such line");
    }
}

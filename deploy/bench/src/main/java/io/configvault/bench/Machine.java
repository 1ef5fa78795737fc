package io.configvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a run measured on: processors, memory (from {@code /proc/meminfo}) and CPU model
 * (from {@code /proc/cpuinfo}).
 *
 * @param processors  what the JVM sees ({@code nproc})
 * @param memoryBytes {@code MemTotal}, 0 when unknown
 * @param cpuModel    the first {@code model name}, or {@code unknown}
 */
public record Machine(int processors, long memoryBytes, String cpuModel) {

    /** This machine. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                memTotal(read(Path.of("/proc/meminfo"))), cpuModel(read(Path.of("/proc/cpuinfo"))));
    }

    /** {@code MemTotal} of a {@code /proc/meminfo} text in bytes, or 0 if it has none. */
    static long memTotal(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).strip().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return 0;
    }

    /** The first {@code model name} of a {@code /proc/cpuinfo} text, or {@code unknown}. */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("model name")) {
                return line.substring(colon + 1).strip();
            }
        }
        return "unknown";
    }

    /** One line: {@code 2 processors, 23.5 GiB memory, <model>}. */
    public String describe() {
        return processors + " processors, " + String.format(java.util.Locale.ROOT, "%.1f",
                memoryBytes / (1024.0 * 1024 * 1024)) + " GiB memory, " + cpuModel;
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("processors", processors);
        map.put("memoryBytes", memoryBytes);
        map.put("cpuModel", cpuModel);
        return map;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}

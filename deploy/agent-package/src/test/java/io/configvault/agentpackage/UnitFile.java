package io.configvault.agentpackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a systemd unit file and its drop-ins, merged as systemd merges them: each
 * assignment of a key adds its space-separated words, an empty assignment clears what came
 * before, and drop-ins are read after the unit in the order given. Comment lines ({@code #},
 * {@code ;}) are skipped; continuation lines are not supported (the units here use none).
 */
final class UnitFile {

    private final Map<String, List<String>> settings = new LinkedHashMap<>();

    private UnitFile() {
    }

    /** The unit at {@code unit} with the drop-ins {@code dropIns}, in that order. */
    static UnitFile read(Path unit, Path... dropIns) throws IOException {
        UnitFile file = new UnitFile();
        file.merge(unit);
        for (Path dropIn : dropIns) {
            file.merge(dropIn);
        }
        return file;
    }

    private void merge(Path path) throws IOException {
        String section = null;
        for (String raw : Files.readAllLines(path)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int equals = line.indexOf('=');
            if (section == null || equals < 0 || line.endsWith("\\")) {
                throw new IllegalArgumentException("Cannot read " + path + ": '" + raw
                        + "' is not a Key=Value line inside a section");
            }
            String key = section + "." + line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            List<String> words = settings.computeIfAbsent(key, k -> new ArrayList<>());
            if (value.isEmpty()) {
                words.clear();
            } else {
                words.addAll(Arrays.asList(value.split("\\s+")));
            }
        }
    }

    /** The words assigned to {@code Section.Key}; empty when unset or cleared. */
    List<String> words(String key) {
        return List.copyOf(settings.getOrDefault(key, List.of()));
    }

    /** The words of {@code Section.Key} joined by one space ("" when unset). */
    String value(String key) {
        return String.join(" ", words(key));
    }

    /** Whether {@code Section.Key} is assigned at all (an empty assignment counts). */
    boolean has(String key) {
        return settings.containsKey(key);
    }
}

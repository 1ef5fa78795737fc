package io.configvault.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes the small configuration files handed to the child JVMs. */
final class ConfigFiles {

    private ConfigFiles() {}

    /**
     * Writes {@code entries} as a properties file, one {@code key=value} per line in map order,
     * so that a human can read it when a child fails to start.
     */
    static Path writeProperties(Path file, Map<String, String> entries) {
        StringBuilder text = new StringBuilder("# Written by io.configvault.stack; rewritten on each start.\n");
        entries.forEach((key, value) ->
                text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return write(file, text.toString());
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Escapes a value for an XML attribute or text node. */
    static String xml(Object value) {
        return value.toString()
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}

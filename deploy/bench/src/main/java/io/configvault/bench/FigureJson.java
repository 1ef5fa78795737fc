package io.configvault.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A figure as JSON: {@code {"id", "title", "columns", "rows", "notes", "values", "machine",
 * "date"}}, written to {@code <dir>/<id>.json}.
 */
public final class FigureJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private FigureJson() {
    }

    /** The JSON text of {@code figure} measured on {@code machine} at {@code date}. */
    public static String render(Figure figure, Machine machine, String date) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", figure.id());
        tree.put("title", figure.title());
        tree.put("columns", figure.columns());
        tree.put("rows", figure.rows());
        tree.put("notes", figure.notes());
        tree.put("values", figure.values());
        tree.put("machine", machine.asMap());
        tree.put("date", date);
        try {
            return JSON.writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render figure " + figure.id() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    /** Writes {@link #render} to {@code <dir>/<id>.json}; returns the file. */
    public static Path write(Path dir, Figure figure, Machine machine, String date)
            throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(figure.id() + ".json"),
                render(figure, machine, date));
    }
}

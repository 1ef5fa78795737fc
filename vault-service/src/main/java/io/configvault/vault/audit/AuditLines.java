package io.configvault.vault.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.configvault.vault.catalog.AuditExport;
import io.configvault.vault.catalog.AuditRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JSON Lines of an audit export: one record per line, every field with its hash, in a fixed
 * member order: {@code seq, at, actor, action, target, outcome, detail, source, prevHash, hash}
 * ({@code at} ISO-8601 UTC). Thread-safe.
 */
final class AuditLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLines() {
    }

    static void write(Writer out, AuditRecord r) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("seq", r.seq());
        line.put("at", r.at().toString());
        line.put("actor", r.actor());
        line.put("action", r.action());
        line.put("target", r.target());
        line.put("outcome", r.outcome());
        line.put("detail", r.detail());
        line.put("source", r.source());
        line.put("prevHash", r.prevHash());
        line.put("hash", r.hash());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    /** The seq and hash of the file's last line, or empty for an empty file. */
    static Optional<AuditExport> last(Path file) throws IOException {
        String last = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(last);
        if (!node.path("seq").canConvertToLong() || !node.path("hash").isTextual()) {
            throw new IOException("the last line has no seq or hash");
        }
        return Optional.of(new AuditExport(node.get("seq").asLong(), node.get("hash").asText()));
    }
}

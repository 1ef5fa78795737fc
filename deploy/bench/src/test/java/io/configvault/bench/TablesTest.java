package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesTest {

    private static final Machine MACHINE = new Machine(2, 1024L * 1024 * 1024, "Test CPU");

    private static Figure figure() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("vaultSeconds", 1.5);
        values.put("appliances", 3);
        return new Figure("demo-figure", "Figure 9: demo", List.of("System", "Seconds"),
                List.of(List.of("vault", "1.50"), List.of("a|b", "12.00")),
                List.of("A note."), values);
    }

    @Test
    void textAlignsColumnsUnderTheirHeadings() {
        assertThat(Tables.text(figure())).isEqualTo("""
                Figure 9: demo
                System  Seconds
                ------  -------
                vault   1.50
                a|b     12.00
                  A note.
                """);
    }

    @Test
    void markdownHasOneRowPerLineAndEscapesPipes() {
        assertThat(Tables.markdown(figure())).isEqualTo("""
                | System | Seconds |
                | --- | --- |
                | vault | 1.50 |
                | a\\|b | 12.00 |
                """);
    }

    @Test
    void jsonHoldsTheTableTheValuesTheMachineAndTheDate(@TempDir Path dir) throws Exception {
        Path file = FigureJson.write(dir.resolve("out"), figure(), MACHINE,
                "2025-01-02T03:04:05Z");

        assertThat(file).hasFileName("demo-figure.json");
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("id").asText()).isEqualTo("demo-figure");
        assertThat(json.get("rows").get(1).get(0).asText()).isEqualTo("a|b");
        assertThat(json.get("values").get("vaultSeconds").asDouble()).isEqualTo(1.5);
        assertThat(json.get("values").get("appliances").asInt()).isEqualTo(3);
        assertThat(json.get("notes").get(0).asText()).isEqualTo("A note.");
        assertThat(json.get("machine").get("cpuModel").asText()).isEqualTo("Test CPU");
        assertThat(json.get("machine").get("processors").asInt()).isEqualTo(2);
        assertThat(json.get("date").asText()).isEqualTo("2025-01-02T03:04:05Z");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsOrABadIdIsRefused() {
        assertThatThrownBy(() -> new Figure("x", "X", List.of("a", "b"),
                List.of(List.of("only one")), List.of(), Map.of()))
                .hasMessageContaining("a row has 1 cells for 2 columns");
        assertThatThrownBy(() -> new Figure("Bad Id", "X", List.of(), List.of(), List.of(),
                Map.of())).hasMessageContaining("not 'Bad Id'");
    }
}

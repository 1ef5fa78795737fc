package io.configvault.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void unsetTextAndJsonWork() {
        assertThat(LogFormat.problem(Map.of(), Map.of())).isEmpty();
        assertThat(LogFormat.problem(Map.of(), Map.of(LogFormat.SETTING, "json"))).isEmpty();
        assertThat(LogFormat.problem(Map.of(LogFormat.SETTING, "text"), Map.of())).isEmpty();
    }

    @Test
    void anythingElseIsNamedWithWhatItMustBe() {
        assertThat(LogFormat.problem(Map.of(), Map.of(LogFormat.SETTING, "yaml")))
                .contains("CONFIGVAULT_LOG_FORMAT is \"yaml\"; it must be text (the default)"
                        + " or json");
        assertThat(LogFormat.problem(Map.of(), Map.of(LogFormat.SETTING, "JSON")))
                .hasValueSatisfying(message -> assertThat(message).endsWith("(lower case)"));
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertThat(LogFormat.problem(Map.of(LogFormat.SETTING, "json"),
                Map.of(LogFormat.SETTING, "bogus"))).isEmpty();
        assertThat(LogFormat.problem(Map.of(LogFormat.SETTING, "bogus"),
                Map.of(LogFormat.SETTING, "json"))).isPresent();
    }

    @Test
    void aLongOrOddValueIsNotEchoed() {
        assertThat(LogFormat.problem(Map.of(), Map.of(LogFormat.SETTING, "x".repeat(64))))
                .contains("CONFIGVAULT_LOG_FORMAT is 64 characters; it must be text (the default)"
                        + " or json");
    }
}

package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.capture.testing.JsonLogs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatTest {

    @Test
    void plainTextByDefault() {
        List<Appender<ILoggingEvent>> appenders =
                JsonLogs.rootAppenders(JsonLogs.configured(null));

        assertThat(appenders).extracting(Appender::getName).containsExactly("text");
        assertThat(new String(JsonLogs.encoder(appenders.getFirst()).encode(event()),
                StandardCharsets.UTF_8)).contains(" INFO  [capture-publisher] ")
                .contains(" - Published snapshot 0193").doesNotStartWith("{");
    }

    @Test
    void jsonOnRequest() {
        List<Appender<ILoggingEvent>> appenders =
                JsonLogs.rootAppenders(JsonLogs.configured("json"));

        assertThat(appenders).extracting(Appender::getName).containsExactly("json");
        JsonNode line = JsonLogs.parse(JsonLogs.encoder(appenders.getFirst()).encode(event()));
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("threadName").asText()).isEqualTo("capture-publisher");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("Published snapshot 0193");
    }

    private static LoggingEvent event() {
        LoggingEvent event = new LoggingEvent("test", (Logger) LoggerFactory.getLogger(
                "io.configvault.capture.publish.OutboxPublisher"), Level.INFO,
                "Published snapshot {}", null, new Object[] {"0193"});
        event.setThreadName("capture-publisher");
        return event;
    }
}

package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.vault.testing.JsonLogs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogFormatTest {

    @Test
    void plainTextByDefault() {
        LoggerContext context = JsonLogs.configured(null);

        List<Appender<ILoggingEvent>> appenders = JsonLogs.rootAppenders(context);

        assertThat(appenders).extracting(Appender::getName).containsExactly("text");
        String line = new String(JsonLogs.encoder(appenders.getFirst())
                .encode(event("Stored snapshot 0193")), StandardCharsets.UTF_8);
        assertThat(line).contains("INFO  [vault-ingest] i.c.vault.ingest.SnapshotIngestor"
                + " - Stored snapshot 0193").doesNotStartWith("{");
    }

    @Test
    void jsonOnRequestOneObjectPerLineWithTheMdcFieldsAndTheException() {
        LoggerContext context = JsonLogs.configured("json");
        List<Appender<ILoggingEvent>> appenders = JsonLogs.rootAppenders(context);
        assertThat(appenders).extracting(Appender::getName).containsExactly("json");
        LoggingEvent event;
        MDC.put("applianceId", "nas-17");
        MDC.put("snapshotId", "0193");
        try {
            event = event("Cannot ingest \"x\"\nsecond line");
            event.setThrowableProxy(new ThrowableProxy(
                    new IllegalStateException("bucket 'vault' answered 503")));
            event.getMDCPropertyMap();
        } finally {
            MDC.clear();
        }

        byte[] encoded = JsonLogs.encoder(appenders.getFirst()).encode(event);

        String text = new String(encoded, StandardCharsets.UTF_8);
        assertThat(text.strip()).doesNotContain("\n");
        JsonNode line = JsonLogs.parse(encoded);
        assertThat(line.path("timestamp").asLong()).isPositive();
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("loggerName").asText())
                .isEqualTo("io.configvault.vault.ingest.SnapshotIngestor");
        assertThat(line.path("threadName").asText()).isEqualTo("vault-ingest");
        assertThat(line.path("formattedMessage").asText())
                .isEqualTo("Cannot ingest \"x\"\nsecond line");
        assertThat(line.path("mdc").path("applianceId").asText()).isEqualTo("nas-17");
        assertThat(line.path("mdc").path("snapshotId").asText()).isEqualTo("0193");
        assertThat(line.path("throwable").path("message").asText())
                .isEqualTo("bucket 'vault' answered 503");
        assertThat(line.has("sequenceNumber")).isFalse();
        assertThat(line.has("arguments")).isFalse();
    }

    /** An event of the application's logger context, whose MDC is slf4j's. */
    private static LoggingEvent event(String message) {
        LoggingEvent event = new LoggingEvent("test", (Logger) LoggerFactory.getLogger(
                "io.configvault.vault.ingest.SnapshotIngestor"), Level.INFO, message, null, null);
        event.setThreadName("vault-ingest");
        return event;
    }
}

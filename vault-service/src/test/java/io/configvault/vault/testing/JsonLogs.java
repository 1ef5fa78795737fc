package io.configvault.vault.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The vault's own {@code logback.xml} (not the tests'), configured into a separate logger context
 * as the vault would run with {@code CONFIGVAULT_LOG_FORMAT}; and a {@link Recorder} that encodes
 * the events of a logger with that configuration's JSON encoder as they happen (the MDC is read
 * at that moment, as the console appender would).
 */
public final class JsonLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLogs() {
    }

    /** @param format the value of {@code CONFIGVAULT_LOG_FORMAT}, or null for unset */
    public static LoggerContext configured(String format) {
        URL config = JsonLogs.class.getResource("/logback.xml");
        LoggerContext context = new LoggerContext();
        if (format != null) {
            context.putProperty("CONFIGVAULT_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("Cannot configure " + config, e);
        }
        return context;
    }

    /** The root logger's appenders of a configured context. */
    public static List<Appender<ILoggingEvent>> rootAppenders(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new CopyOnWriteArrayList<>();
        Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME)
                .iteratorForAppenders();
        it.forEachRemaining(appenders::add);
        return appenders;
    }

    @SuppressWarnings("unchecked")
    public static Encoder<ILoggingEvent> encoder(Appender<ILoggingEvent> appender) {
        return ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder();
    }

    public static JsonNode parse(byte[] line) {
        try {
            return JSON.readTree(new String(line, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON line: "
                    + new String(line, StandardCharsets.UTF_8), e);
        }
    }

    /** Records a logger's events as JSON lines while attached. */
    public static final class Recorder extends AppenderBase<ILoggingEvent>
            implements AutoCloseable {
        public final List<JsonNode> lines = new CopyOnWriteArrayList<>();
        private final Encoder<ILoggingEvent> encoder;
        private final Logger logger;

        public Recorder(Class<?> loggerOf) {
            LoggerContext json = configured("json");
            this.encoder = encoder(rootAppenders(json).getFirst());
            this.logger = (Logger) LoggerFactory.getLogger(loggerOf);
            setContext(logger.getLoggerContext());
            start();
            logger.addAppender(this);
        }

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(parse(encoder.encode(event)));
        }

        /** The first line whose message starts with {@code prefix}. */
        public JsonNode line(String prefix) {
            return lines.stream()
                    .filter(l -> l.path("formattedMessage").asText().startsWith(prefix))
                    .findFirst().orElseThrow(() -> new AssertionError("No line starts with '"
                            + prefix + "' in " + lines));
        }

        @Override
        public void close() {
            logger.detachAppender(this);
            stop();
        }
    }
}

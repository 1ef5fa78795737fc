package io.configvault.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The files of a {@link KafkaBroker} data dir, and what they say about an earlier run. */
record KafkaBrokerFiles(Path dataDir) {

    private static final String LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String QUORUM_BOOTSTRAP = "controller.quorum.bootstrap.servers";

    Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    Path log4jConfig() {
        return dataDir.resolve("log4j2.xml");
    }

    Path brokerLog() {
        return dataDir.resolve("broker.log");
    }

    Path output() {
        return dataDir.resolve("broker.out");
    }

    /** Whether {@code kafka-storage format} has run on this data dir. */
    boolean isFormatted() {
        return Files.exists(logDir().resolve("meta.properties"));
    }

    /**
     * The controller port this data dir was formatted with, or a fresh free one for a new dir.
     * {@code format --standalone} records the single voter's endpoint in the metadata log, so a
     * formatted dir must keep its controller port.
     */
    int controllerPort() {
        if (!isFormatted() || !Files.exists(serverProperties())) {
            return FreePorts.pick();
        }
        Properties previous = new Properties();
        try (Reader reader = Files.newBufferedReader(serverProperties())) {
            previous.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka: cannot read " + serverProperties(), e);
        }
        String bootstrap = previous.getProperty(QUORUM_BOOTSTRAP, "");
        try {
            return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "Cannot start Kafka on " + dataDir + ": " + serverProperties() + " has no usable "
                            + QUORUM_BOOTSTRAP + " ('" + bootstrap + "')", e);
        }
    }

    /**
     * Writes {@code server.properties} and {@code log4j2.xml} for a broker on these ports, with an
     * SSL listener on {@code sslPort} when {@code tls} is not null.
     */
    void write(int port, int controllerPort, BrokerTls tls, int sslPort) {
        Map<String, String> config = serverConfig(port, controllerPort);
        if (tls != null) {
            addSslListener(config, tls, sslPort);
        }
        ConfigFiles.writeProperties(serverProperties(), config);
        ConfigFiles.write(log4jConfig(), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                    <Appenders>
                        <File name="file" fileName="%s" append="true">
                            <PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/>
                        </File>
                    </Appenders>
                    <Loggers>
                        <Root level="WARN">
                            <AppenderRef ref="file"/>
                        </Root>
                    </Loggers>
                </Configuration>
                """.formatted(ConfigFiles.xml(brokerLog())));
    }

    /**
     * A second client listener, {@code SSL}, with mutual TLS. The {@code PLAINTEXT} listener
     * stays for the broker's own traffic and the test harness; a client that bootstraps through
     * the SSL port is told only SSL endpoints (Kafka answers with the listener it connected to).
     */
    private static void addSslListener(Map<String, String> p, BrokerTls tls, int sslPort) {
        p.put("listeners", p.get("listeners") + ",SSL://127.0.0.1:" + sslPort);
        p.put("advertised.listeners", p.get("advertised.listeners") + ",SSL://127.0.0.1:"
                + sslPort);
        p.put("listener.security.protocol.map", p.get("listener.security.protocol.map")
                + ",SSL:SSL");
        String prefix = "listener.name.ssl.";
        p.put(prefix + "ssl.keystore.type", "PKCS12");
        p.put(prefix + "ssl.keystore.location", tls.keystore().toString());
        p.put(prefix + "ssl.keystore.password", tls.password());
        p.put(prefix + "ssl.key.password", tls.password());
        p.put(prefix + "ssl.truststore.type", "PKCS12");
        p.put(prefix + "ssl.truststore.location", tls.truststore().toString());
        p.put(prefix + "ssl.truststore.password", tls.password());
        p.put(prefix + "ssl.client.auth", "required");
    }

    private Map<String, String> serverConfig(int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", LISTENER + "://127.0.0.1:" + port + ","
                + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", LISTENER + "://127.0.0.1:" + port);
        p.put("listener.security.protocol.map",
                LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", LISTENER);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        // A dynamic single-voter quorum (format --standalone) is found through this; the static
        // controller.quorum.voters must stay unset.
        p.put(QUORUM_BOOTSTRAP, "127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir().toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        // The default of 50 makes the first consumer group wait for 50 partitions to be created.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Room for the agents' largest segment (1 MiB) plus headers, as the vault requires of
        // its snapshot topic (vault.kafka.topics.max-message-bytes); Kafka's default is 1 MiB.
        p.put("message.max.bytes", "1114112");
        return p;
    }
}

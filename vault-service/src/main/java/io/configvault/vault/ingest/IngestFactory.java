package io.configvault.vault.ingest;

import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.FleetCatalog;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.catalog.SnapshotRequestCatalog;
import io.configvault.vault.config.IngestSettings;
import io.configvault.vault.config.KafkaSettings;
import io.configvault.vault.config.RetentionSettings;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.kafka.KafkaClients;
import io.configvault.vault.kafka.TopicReport;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.BlobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Wires the ingest loop and starts it on its own thread when the application starts. */
@Factory
final class IngestFactory {

    /** Owns the loop's thread and the quarantine producer; stops both on shutdown. */
    static final class RunningIngest implements AutoCloseable {
        private final KafkaIngestLoop loop;
        private final Thread thread;
        private final Producer<byte[], byte[]> producer;

        RunningIngest(KafkaIngestLoop loop, Producer<byte[], byte[]> producer) {
            this.loop = loop;
            this.producer = producer;
            this.thread = Thread.ofPlatform().name("vault-ingest").start(loop);
        }

        /** Why the ingest loop stopped by itself, if it did. */
        Optional<String> failure() {
            return loop.failure();
        }

        @Override
        public void close() throws InterruptedException {
            loop.stop();
            thread.join(15_000);
            producer.close();
        }
    }

    @Singleton
    IngestMetrics metrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    /** Which appliances this instance owns, for retention: the partitions the loop consumes. */
    @Singleton
    @Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
    KafkaOwnership ownership(KafkaSettings kafka) {
        return new KafkaOwnership(kafka.snapshotTopic());
    }

    /**
     * The topics are set up and checked ({@code topics}) before the loop starts.
     * {@code preDestroy} here, not {@code @PreDestroy} on the product: Micronaut calls only the
     * factory method's. Without it a stopped vault never left the consumer group, and its
     * partitions waited for the session timeout (45 s) before another instance took them.
     */
    @Context
    @Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
    @Bean(preDestroy = "close")
    RunningIngest ingest(KafkaClients clients, StorageSettings storage, IngestSettings settings,
                         Catalog catalog, PolicyCatalog policies, BlobStore store,
                         VaultKeys keys, Clock clock, SnapshotRetriever retriever,
                         IngestMetrics metrics, S3Settings s3, RetentionSettings retention,
                         KafkaOwnership ownership, FleetCatalog fleet,
                         SnapshotRequestCatalog requests, TopicReport topics) {
        KafkaSettings kafka = clients.settings();
        Path spool = prepareSpool(storage.spoolDir());
        Producer<byte[], byte[]> producer = new KafkaProducer<>(clients.quarantineProducer());
        FaultPoint faults = FaultPoint.fromSystemProperties();
        SnapshotIngestor ingestor = new SnapshotIngestor(catalog, fleet, store, keys, clock, spool,
                storage.maxSnapshotBytes(), retriever, metrics, faults,
                LockTerms.of(s3, retention, policies::policy), new RequestFulfilment(requests));
        HeartbeatIngestor heartbeats = new HeartbeatIngestor(catalog, fleet, keys, clock);
        Quarantine quarantine = new KafkaQuarantine(producer, kafka.quarantineTopic());
        ReassemblyLimits limits = ReassemblyLimits.of(storage, settings);
        PartitionIngest.Factory partitions = (topic, partition) -> new PartitionIngest(topic,
                partition, new PartitionAssembler(spool, "p" + partition + "-" + System.nanoTime(),
                        limits, System::nanoTime),
                ingestor, heartbeats, quarantine, metrics, faults);
        KafkaIngestLoop loop = new KafkaIngestLoop(new KafkaConsumer<>(clients.ingestConsumer()),
                kafka.snapshotTopic(), catalog, partitions, metrics, ownership, System::nanoTime,
                settings.parallelPartitions());
        return new RunningIngest(loop, producer);
    }

    /**
     * Creates the spool and removes what a previous run left: it is never trusted. Decrypted
     * bundles pass through it, so only the vault's own user may enter it, whatever the umask.
     */
    private static Path prepareSpool(Path spool) {
        try {
            Files.createDirectories(spool);
            if (spool.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(spool,
                        PosixFilePermissions.fromString("rwx------"));
            }
            try (var files = Files.list(spool)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start vault: spool " + spool
                    + " is not usable", e);
        }
    }
}

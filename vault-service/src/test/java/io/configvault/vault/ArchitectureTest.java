package io.configvault.vault;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only the adapter imports its SDK (STYLE.md): the AWS SDK only in {@code vault.store}, JDBC only
 * in {@code vault.catalog}, {@code vault.verify.sqlite} and {@code vault.diff.sqlite}, the Kafka
 * client only in {@code vault.ingest} and {@code vault.kafka}, Bouncy Castle nowhere (the OpenPGP layer is
 * {@code shared.crypto}).
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.configvault.vault");
    }

    @Test
    void onlyTheStoreTalksToS3() {
        noClasses().that().resideOutsideOfPackage("..vault.store..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    /**
     * Besides the catalog, {@code verify.sqlite} opens the appliances' SQLite entries for
     * {@code PRAGMA integrity_check} (restore drills) and {@code diff.sqlite} reads their schemas
     * and rows for snapshot diffs: other databases, not the vault's index, so they do not belong
     * in the catalog package.
     */
    @Test
    void onlyTheCatalogAndTheSqliteEntryReadersUseJdbc() {
        noClasses()
                .that().resideOutsideOfPackages("..vault.catalog..", "..vault.verify.sqlite..",
                        "..vault.diff.sqlite..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void onlyIngestAndKafkaUseTheKafkaClient() {
        noClasses().that().resideOutsideOfPackages("..vault.ingest..", "..vault.kafka..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(classes);
    }

    @Test
    void nobodyUsesBouncyCastleDirectly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .check(classes);
    }
}

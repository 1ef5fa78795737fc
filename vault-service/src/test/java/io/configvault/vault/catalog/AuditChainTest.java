package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Known answers of the documented encoding (computed independently, with Python's hashlib). */
class AuditChainTest {

    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theHashIsSha256OverNetstringsOfTheFieldsInTheDocumentedOrder() {
        assertThat(AuditChain.hash(1, AT, "admin", "snapshot.entry", "0193", "ok",
                "etc/app,conf:1\nx", "10.0.0.7", AuditChain.GENESIS))
                .isEqualTo("e59cbdc072ac9f216719ac43496f7d0dbe5cb4b077db382ed646e7a5f5f52558");
        // Lengths count UTF-8 bytes, not chars.
        assertThat(AuditChain.hash(1, AT, "admin", "snapshot.entry", "0193", "ok", "Müller",
                "10.0.0.7", AuditChain.GENESIS))
                .isEqualTo("210434efe4829ada51c6df66c27b598ace7142a2f88d76f26fb8226bebec2ec5");
    }

    @Test
    void movingABoundaryBetweenFieldsChangesTheHash() {
        String a = AuditChain.hash(1, AT, "ad", "min", "t", "ok", "", "::1", AuditChain.GENESIS);
        String b = AuditChain.hash(1, AT, "adm", "in", "t", "ok", "", "::1", AuditChain.GENESIS);

        assertThat(a).isNotEqualTo(b);
        assertThat(AuditChain.GENESIS).hasSize(64).matches("0+");
    }
}

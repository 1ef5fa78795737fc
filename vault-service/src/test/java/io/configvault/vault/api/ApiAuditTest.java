package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.catalog.AuditExport;
import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.AuditQuery;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiAuditTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"),
            ZoneOffset.UTC);

    @Test
    void aRecordNamesTheCallerAndTheClientAddressAsItsSourceAndMarksTheRequest()
            throws Exception {
        InMemoryCatalog log = new InMemoryCatalog();
        HttpRequest<?> request = request();

        new ApiAudit(log, CLOCK).record(request, "snapshot.download", "s-1", "ok", "");

        AuditRecord record = log.recentAudit(1).getFirst();
        assertThat(record.actor()).isEqualTo("admin");
        assertThat(record.source()).isEqualTo(ApiAudit.source(request)).isNotBlank()
                .doesNotStartWith("from");
        assertThat(record.detail()).isEmpty();
        assertThat(ApiAudit.audited(request)).isTrue();
        assertThat(ApiAudit.audited(request())).isFalse();
    }

    @Test
    void aRecordThatCannotBeWrittenIsA503AndLeavesTheRequestUnmarked() {
        HttpRequest<?> request = request();

        assertThatThrownBy(() -> new ApiAudit(new BrokenLog(), CLOCK).record(request,
                "snapshot.download", "s-1", "ok", ""))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat((Object) p.status())
                        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
                .hasMessage("The audit log cannot be written now, so nothing was done or"
                        + " released; try again later.");
        assertThat(ApiAudit.audited(request)).isFalse();
    }

    @Test
    void theFilterNamesOutcomesByStatusAndBoundsPathValues() {
        assertThat(AuditFilter.outcome(HttpStatus.OK)).isEqualTo("ok");
        assertThat(AuditFilter.outcome(HttpStatus.NO_CONTENT)).isEqualTo("ok");
        assertThat(AuditFilter.outcome(HttpStatus.NOT_FOUND)).isEqualTo("not-found");
        assertThat(AuditFilter.outcome(HttpStatus.FORBIDDEN)).isEqualTo("denied");
        assertThat(AuditFilter.outcome(HttpStatus.BAD_REQUEST)).isEqualTo("refused");
        assertThat(AuditFilter.outcome(HttpStatus.TOO_MANY_REQUESTS)).isEqualTo("refused");
        assertThat(AuditFilter.outcome(HttpStatus.INTERNAL_SERVER_ERROR)).isEqualTo("failed");
        assertThat(AuditFilter.outcome(HttpStatus.SERVICE_UNAVAILABLE)).isEqualTo("failed");

        assertThat(AuditFilter.field("etc/app.conf")).isEqualTo("etc/app.conf");
        assertThat(AuditFilter.field("a\u0000b\nc")).isEqualTo("a?b?c");
        assertThat(AuditFilter.field("x".repeat(10_000))).hasSize(AuditFilter.MAX_FIELD);
        assertThat(AuditFilter.field(null)).isEmpty();
    }

    private static HttpRequest<?> request() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/snapshots/s-1/content");
        Caller.record(request, Caller.admin());
        return request;
    }

    /** A catalog that is down. */
    private static final class BrokenLog implements AuditLog {
        @Override
        public void audit(Instant at, String actor, String action, String target,
                          String outcome, String detail, String source)
                throws CatalogException {
            throw new CatalogException("Cannot write an audit record: disk I/O error", null);
        }

        @Override
        public List<AuditRecord> recentAudit(int limit) {
            return List.of();
        }

        @Override
        public List<AuditRecord> auditPage(AuditQuery query) {
            return List.of();
        }

        @Override
        public List<AuditRecord> auditAfter(long afterSeq, int limit) {
            return List.of();
        }

        @Override
        public AuditExport auditExported() {
            return AuditExport.NONE;
        }

        @Override
        public void recordAuditExport(AuditExport export) {
        }
    }
}

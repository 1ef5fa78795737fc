package io.configvault.vault.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@link AuditLog} in memory, for {@link InMemoryCatalog}: chained as SQLite chains it, each
 * record numbered and linked under the state's monitor.
 */
final class InMemoryAuditLog implements AuditLog {

    private final InMemoryState state;
    private final List<AuditRecord> records = new ArrayList<>();
    private AuditExport exported = AuditExport.NONE;
    /** The last seq given out; like AUTOINCREMENT, erasing records does not lower it. */
    private long seq;

    InMemoryAuditLog(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void audit(Instant at, String actor, String action, String target, String outcome,
                      String detail, String source) {
        synchronized (state) {
            long next = ++seq;
            Instant millis = Instant.ofEpochMilli(at.toEpochMilli());
            String prev = records.isEmpty() ? AuditChain.GENESIS : records.getLast().hash();
            records.add(new AuditRecord(next, millis, actor, action, target, outcome, detail,
                    source, prev, AuditChain.hash(next, millis, actor, action, target, outcome,
                    detail, source, prev)));
        }
    }

    @Override
    public List<AuditRecord> recentAudit(int limit) {
        synchronized (state) {
            return records.reversed().stream().limit(limit).toList();
        }
    }

    @Override
    public List<AuditRecord> auditPage(AuditQuery query) {
        synchronized (state) {
            return records.reversed().stream().filter(query::matches).limit(query.limit())
                    .toList();
        }
    }

    @Override
    public List<AuditRecord> auditAfter(long afterSeq, int limit) {
        synchronized (state) {
            return records.stream().filter(r -> r.seq() > afterSeq).limit(limit).toList();
        }
    }

    @Override
    public AuditExport auditExported() {
        synchronized (state) {
            return exported;
        }
    }

    @Override
    public void recordAuditExport(AuditExport export) {
        synchronized (state) {
            if (export.seq() > exported.seq()) {
                exported = export;
            }
        }
    }

    /** Replaces record {@code seq} as stored, as a hand outside the vault could. */
    void tamper(long seq, UnaryOperator<AuditRecord> edit) {
        synchronized (state) {
            records.replaceAll(r -> r.seq() == seq ? edit.apply(r) : r);
        }
    }

    /** Removes record {@code seq}, as a hand outside the vault could. */
    void erase(long seq) {
        synchronized (state) {
            records.removeIf(r -> r.seq() == seq);
        }
    }
}

package io.configvault.vault.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose every answer to an authenticated caller is written to the audit log by
 * {@link AuditFilter}, before any byte of it leaves, with the outcome its status says. An
 * endpoint that records its own outcome through {@link ApiAudit} (e.g. {@code denied} for
 * another fleet's snapshot) is not recorded twice.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface Audited {

    /** The action, e.g. {@code snapshot.download}. */
    String value();

    /** The path variable whose value is the record's target. */
    String target();

    /** The path variable whose value is the record's detail; none when empty. */
    String detail() default "";
}

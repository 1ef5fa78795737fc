package io.configvault.vault.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role an endpoint needs. Every {@code /api/} endpoint but the appliances' own
 * {@code POST /api/v1/enrolments} carries one; {@link BearerTokenFilter} answers 403 to a token
 * whose role does not include it (401 to no or a wrong token).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface Allowed {
    Role value();
}

package io.configvault.vault.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that acts on the whole vault rather than on one fleet (managing tokens, running a
 * retention pass): beside its {@link Allowed} role it needs a token of every fleet
 * ({@code "*"}); {@link BearerTokenFilter} answers 403 to a token limited to some fleets, which
 * could otherwise issue itself a token of all fleets.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface AllFleets {
}

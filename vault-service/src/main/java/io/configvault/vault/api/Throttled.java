package io.configvault.vault.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose calls draw on the caller's download allowance ({@code vault.api.download-burst}
 * back to back, refilled at {@code vault.api.downloads-per-minute}): downloads, entry reads and
 * verifications, each of which decrypts a whole snapshot. {@link BearerTokenFilter} answers 429
 * with {@code Retry-After} when the allowance of the caller's token is used up.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface Throttled {
}

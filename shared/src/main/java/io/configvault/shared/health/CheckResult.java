package io.configvault.shared.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link HealthCheck} found: UP or DOWN, and details for the operator (in the order they
 * were put). Details never hold secrets: no credentials, keys or tokens, only what was reached,
 * counts and error descriptions.
 */
public record CheckResult(boolean up, Map<String, Object> details) {

    /** Longest error description kept; a longer one is cut. */
    static final int MAX_ERROR_CHARS = 300;

    public CheckResult {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static CheckResult up(Map<String, Object> details) {
        return new CheckResult(true, details);
    }

    public static CheckResult down(Map<String, Object> details) {
        return new CheckResult(false, details);
    }

    /**
     * "TimeoutException: Timed out waiting for a node assignment": the simple class name and the
     * message, cut to {@value #MAX_ERROR_CHARS} characters. Callers pass only exceptions whose
     * messages carry no secrets (those of the Kafka and S3 clients and the catalog do not).
     */
    public static String describe(Throwable error) {
        String text = error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return text.length() <= MAX_ERROR_CHARS ? text
                : text.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }
}

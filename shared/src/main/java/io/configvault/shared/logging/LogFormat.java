package io.configvault.shared.logging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The log format an operator asked for with {@code CONFIGVAULT_LOG_FORMAT} (system property or
 * environment variable, as the services' {@code logback.xml} reads it): {@code text} (the
 * default) or {@code json}. Logback itself would log nothing at all for any other value, so the
 * services check it before their first log line and refuse to start with this message instead.
 */
public final class LogFormat {

    /** The name of the setting, as system property and environment variable. */
    public static final String SETTING = "CONFIGVAULT_LOG_FORMAT";

    private LogFormat() {
    }

    /**
     * Why the requested format cannot work, if it cannot.
     *
     * @param properties the system properties
     * @param environment the environment
     */
    public static Optional<String> problem(Map<?, ?> properties, Map<String, String> environment) {
        Object requested = properties.get(SETTING);
        if (requested == null) {
            requested = environment.get(SETTING);
        }
        if (requested == null || requested.equals("text") || requested.equals("json")) {
            return Optional.empty();
        }
        String shown = requested.toString();
        if (shown.length() > 20 || !shown.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            shown = shown.length() + " characters";
        } else {
            shown = "\"" + shown + "\"";
        }
        return Optional.of(SETTING + " is " + shown + "; it must be text (the default) or json"
                + (requested.toString().toLowerCase(Locale.ROOT).equals("json")
                ? " (lower case)" : ""));
    }
}

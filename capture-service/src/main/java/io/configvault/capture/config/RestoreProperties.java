package io.configvault.capture.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the restore command ({@code io.configvault.capture.restore.RestoreCommand}) needs besides
 * the agent's own settings. Bound only when that command runs: the agent starts without them.
 *
 * @param vaultUrl       {@code capture.restore.vault-url}, required: the vault's operator API,
 *                       e.g. {@code https://vault.example.net:8480}
 * @param tokenFile      {@code capture.restore.token-file}, required: a file holding a vault
 *                       bearer token allowed to download this appliance's snapshots; the token
 *                       is never printed or logged
 * @param preHook        {@code capture.restore.pre-hook}, default none: a command and its
 *                       arguments (no shell) run before anything is replaced, e.g. to stop the
 *                       appliance's service; a failure stops the restore
 * @param postHook       {@code capture.restore.post-hook}, default none: run after the files
 *                       were replaced or put back, e.g. to start the service again
 * @param hookTimeout    {@code capture.restore.hook-timeout}, default 5m: a hook still running
 *                       after this long is killed and counts as failed
 * @param requestTimeout {@code capture.restore.request-timeout}, default 10m: how long the vault
 *                       may take to answer a request (it verifies the whole snapshot before it
 *                       sends the first byte)
 */
@ConfigurationProperties("capture.restore")
public record RestoreProperties(@Nullable String vaultUrl,
                                @Nullable String tokenFile,
                                @Nullable List<String> preHook,
                                @Nullable List<String> postHook,
                                @Bindable(defaultValue = "5m") Duration hookTimeout,
                                @Bindable(defaultValue = "10m") Duration requestTimeout) {

    /**
     * The Micronaut environment the restore command runs in. The agent's background parts (the
     * publisher, the triggers) are {@code @Requires(notEnv = ENVIRONMENT)}: the command only
     * reads the configuration and adds one snapshot to the outbox; the agent publishes it.
     */
    public static final String ENVIRONMENT = "restore";
    public static final String VAULT_URL = "capture.restore.vault-url";
    public static final String TOKEN_FILE = "capture.restore.token-file";

    public RestoreProperties {
        vaultUrl(vaultUrl);
        Settings.path(tokenFile, "the vault token file", TOKEN_FILE);
        preHook = hook(preHook, "capture.restore.pre-hook");
        postHook = hook(postHook, "capture.restore.post-hook");
        Settings.positive(hookTimeout, "the hook timeout", "capture.restore.hook-timeout");
        Settings.positive(requestTimeout, "the request timeout",
                "capture.restore.request-timeout");
    }

    /** The vault's base URL, without a trailing slash. */
    public URI vaultUri() {
        return vaultUrl(vaultUrl);
    }

    public Path tokenPath() {
        return Settings.path(tokenFile, "the vault token file", TOKEN_FILE);
    }

    private static URI vaultUrl(String value) {
        String url = Settings.required(value, "the vault URL", VAULT_URL);
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new InvalidConfigurationException("the vault URL must be http(s)://host[:port]"
                        + "[/path], without user, query or fragment", VAULT_URL);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException("the vault URL is not a valid URL",
                    VAULT_URL, e);
        }
    }

    private static List<String> hook(List<String> command, String setting) {
        if (command == null || command.isEmpty()) {
            return List.of();
        }
        if (command.get(0) == null || command.get(0).isBlank()) {
            throw new InvalidConfigurationException("the hook's program is empty", setting);
        }
        if (command.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidConfigurationException("the hook has an empty argument", setting);
        }
        return List.copyOf(command);
    }
}

package io.configvault.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every part of the suite shares: the run's settings, the machine, an HTTP client, and a
 * fresh work directory per part.
 *
 * @param settings the run's settings
 * @param machine  the machine measured on
 * @param http     for the vault's API
 */
record BenchContext(BenchSettings settings, Machine machine, HttpClient http) {

    /** The project checkout. */
    Path root() {
        return settings.root();
    }

    /** {@code <work>/<bench id>}, created; the run's work directory was emptied at its start. */
    Path workDir(Bench bench) throws IOException {
        return Files.createDirectories(settings.workDir().resolve(bench.id()));
    }

    static void say(String line) {
        System.out.println("[bench] " + line);
    }
}

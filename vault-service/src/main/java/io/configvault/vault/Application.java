package io.configvault.vault;

import io.configvault.shared.logging.LogFormat;
import io.micronaut.runtime.Micronaut;

/** Entry point of the vault service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        LogFormat.problem(System.getProperties(), System.getenv()).ifPresent(problem -> {
            System.err.println("Cannot start vault: " + problem);
            System.exit(2);
        });
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}

package io.configvault.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service module's build output as the bench launches it: {@code <module>/target/classes}
 * and the runtime class path Maven wrote to {@code <module>/target/runtime.classpath}, exactly
 * as the quickstart launches the services.
 */
final class ServiceBuild {

    private ServiceBuild() {
    }

    /** The class path of {@code module} (e.g. {@code vault-service}) under {@code root}. */
    static String classpath(Path root, String module) throws IOException {
        Path moduleDir = root.resolve(module);
        Path classpathFile = moduleDir.resolve("target/runtime.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException("Cannot start " + module + ": " + classpathFile
                    + " is missing; build with ./mvnw -B -Pbench -pl deploy/bench -am"
                    + " -DskipTests package first");
        }
        return moduleDir.resolve("target/classes") + File.pathSeparator
                + Files.readString(classpathFile).strip();
    }
}

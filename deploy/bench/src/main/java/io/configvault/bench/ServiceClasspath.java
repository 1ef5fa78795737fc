package io.configvault.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath of a service launched from its build output, as the quickstart launches it:
 * {@code <module>/target/classes} and the jars its build listed in {@code
 * <module>/target/runtime.classpath} (the suite's build makes both).
 */
final class ServiceClasspath {

    private ServiceClasspath() {
    }

    /**
     * @param service what is started, for the message ("the vault")
     * @throws IllegalStateException naming the missing file and the build command
     */
    static String of(Path root, String module, String service) throws IOException {
        Path moduleDir = root.resolve(module);
        Path classpathFile = moduleDir.resolve("target/runtime.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException("Cannot start " + service + ": " + classpathFile
                    + " is missing; build with ./mvnw -B -Pbench -pl deploy/bench -am -DskipTests"
                    + " package first");
        }
        return moduleDir.resolve("target/classes") + File.pathSeparator
                + Files.readString(classpathFile).strip();
    }
}

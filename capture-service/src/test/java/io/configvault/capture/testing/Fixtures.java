package io.configvault.capture.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/** Things on an appliance's disk that plain {@code Files} calls cannot make. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A named pipe, made with the real {@code mkfifo}. */
    public static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        return path;
    }

    /** An executable {@code /bin/sh} script with this body (the shebang line is added). */
    public static Path script(Path path, String body) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}

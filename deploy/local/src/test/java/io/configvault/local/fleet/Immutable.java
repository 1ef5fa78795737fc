package io.configvault.local.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Linux immutable attribute ({@code chattr +i}): no process may write, extend, create,
 * delete or rename it, even through a descriptor opened before and even as root (the tests run
 * as root, so file modes would not stop a write). Whoever sets it must clear it in a
 * {@code finally}, or the test's temporary directory cannot be deleted.
 */
final class Immutable {

    private Immutable() {
    }

    static void set(List<Path> files) throws IOException, InterruptedException {
        chattr("+i", files);
    }

    static void clear(List<Path> files) throws IOException, InterruptedException {
        chattr("-i", files);
    }

    private static void chattr(String flag, List<Path> files)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chattr", flag));
        files.forEach(file -> command.add(file.toString()));
        Path log = Files.createTempFile("chattr", ".log");
        try {
            Process chattr = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!chattr.waitFor(30, TimeUnit.SECONDS) || chattr.exitValue() != 0) {
                chattr.destroyForcibly();
                throw new IOException("Cannot chattr " + flag + " " + files + ": "
                        + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

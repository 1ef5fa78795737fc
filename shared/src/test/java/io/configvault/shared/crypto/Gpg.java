package io.configvault.shared.crypto;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real GnuPG from PATH, in a private, short-lived home directory (short because gpg-agent's
 * socket path must fit in a Unix socket address). Closing kills that home's agent and deletes it.
 */
final class Gpg implements AutoCloseable {

    /** Result of one gpg run. */
    record Run(int exitCode, byte[] stdout, String stderr, String status) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private final Path gpg;
    private final Path gpgconf;
    private final Path home;

    private Gpg(Path gpg, Path gpgconf, Path home) {
        this.gpg = gpg;
        this.gpgconf = gpgconf;
        this.home = home;
    }

    /** Fails the calling test, with instructions, when gpg is not installed. */
    static Gpg start() throws IOException {
        Path gpg = onPath("gpg");
        Path gpgconf = onPath("gpgconf");
        Path home = Files.createTempDirectory(Path.of("/tmp"), "cvg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new Gpg(gpg, gpgconf, home);
    }

    private static Path onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> fail("'" + command + "' (GnuPG 2.2 or later) is not on PATH ("
                        + path + "). The OpenPGP interoperability test needs the real gpg and is"
                        + " not skipped without it: install GnuPG (Debian/Ubuntu: apt-get install"
                        + " gnupg) and run the build again."));
    }

    Path home() {
        return home;
    }

    String version() throws IOException {
        return run(null, "--version").stdoutText().lines().findFirst().orElse("");
    }

    /** Runs gpg in batch mode with the given stdin (or none) and arguments. */
    Run run(byte[] stdin, String... arguments) throws IOException {
        Path out = Files.createTempFile(home, "out", ".bin");
        Path err = Files.createTempFile(home, "err", ".txt");
        Path status = Files.createTempFile(home, "status", ".txt");
        List<String> command = new ArrayList<>(List.of(gpg.toString(), "--batch", "--no-tty",
                "--status-file", status.toString()));
        command.addAll(List.of(arguments));
        Process process = start(command, out, err);
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        int exit = await(process, command);
        return new Run(exit, Files.readAllBytes(out), Files.readString(err),
                Files.readString(status));
    }

    /** As {@link #run}, failing the test unless gpg exits with 0. */
    Run succeed(byte[] stdin, String... arguments) throws IOException {
        Run run = run(stdin, arguments);
        if (run.exitCode() != 0) {
            fail("gpg " + String.join(" ", arguments) + " exited with " + run.exitCode() + ":\n"
                    + run.stderr());
        }
        return run;
    }

    private Process start(List<String> command, Path out, Path err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("GNUPGHOME", home.toString());
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("GPG_AGENT_INFO");
        return builder.start();
    }

    private static int await(Process process, List<String> command) throws IOException {
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("gpg did not finish in 120 s: " + command);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while waiting for gpg", e);
        }
    }

    /** Best effort: the agent may still be removing its sockets while we walk the tree. */
    private void deleteHome() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException | IOException e) {
            System.err.println("Could not delete GNUPGHOME " + home + ": " + e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            ProcessBuilder kill = new ProcessBuilder(gpgconf.toString(), "--kill", "gpg-agent")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            kill.environment().put("GNUPGHOME", home.toString());
            await(kill.start(), List.of("gpgconf", "--kill", "gpg-agent"));
        } finally {
            deleteHome();
        }
    }
}

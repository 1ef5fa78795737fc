package io.configvault.vault.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shell blocks of the operator docs verbatim, so that a runbook cannot drift from what
 * works. A block is the {@code ```sh} fence right after a line
 * {@code <!-- runbook-test: NAME -->}; it runs under {@code bash -euo pipefail} with the real
 * {@code gpg}, {@code tar}, {@code sha256sum} and {@code jq}, in a {@link GnupgHome} of its own.
 */
public final class Runbook {

    private static final String MARKER = "<!-- runbook-test: ";

    private Runbook() {
    }

    /** The block called {@code name} in {@code markdown}, without its fences and indentation. */
    public static String block(Path markdown, String name) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(MARKER + name + " -->")) {
                continue;
            }
            String fence = lines.get(i + 1);
            if (!fence.strip().equals("```sh")) {
                throw new AssertionError(markdown + ": block " + name + " is not a ```sh fence");
            }
            int indent = fence.indexOf('`');
            List<String> script = new ArrayList<>();
            for (int j = i + 2; j < lines.size(); j++) {
                if (lines.get(j).strip().equals("```")) {
                    return String.join("\n", script) + "\n";
                }
                script.add(lines.get(j).length() >= indent ? lines.get(j).substring(indent)
                        : lines.get(j).strip());
            }
            throw new AssertionError(markdown + ": block " + name + " is not closed");
        }
        throw new AssertionError(markdown + " has no block marked " + MARKER + name + " -->");
    }

    /**
     * A throwaway gpg home whose {@code gpg.conf} answers gpg's passphrase prompts from a file
     * ({@code batch}, {@code pinentry-mode loopback}, {@code passphrase-file}): the one thing
     * an operator does by hand. Closing it stops its gpg-agent.
     */
    public static final class GnupgHome implements AutoCloseable {

        private final Path home;

        private GnupgHome(Path home) {
            this.home = home;
        }

        public static GnupgHome create(Path home, Path passphraseFile) throws IOException {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(home.resolve("gpg.conf"), "batch\npinentry-mode loopback\n"
                    + "passphrase-file " + passphraseFile.toAbsolutePath() + "\n");
            return new GnupgHome(home);
        }

        /** Runs {@code script} in {@code workDir}; returns stdout and stderr together. */
        public String run(String script, Path workDir) throws IOException, InterruptedException {
            Path log = Files.createTempFile(home, "run-", ".log");
            ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("GNUPGHOME", home.toString());
            Process process = builder.start();
            boolean finished = process.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            if (!finished || process.exitValue() != 0) {
                throw new AssertionError("runbook block failed ("
                        + (finished ? "exit " + process.exitValue() : "timeout") + "):\n" + script
                        + "\n--- output ---\n" + output);
            }
            return output;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package io.configvault.agentpackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent tarball unpacked with the stock {@code tar} into an empty directory, and its
 * launcher run as an appliance would run it: through a symbolic link, in an environment that
 * holds only {@code PATH} (a directory with links to {@code bash} and {@code readlink}, the only
 * tools the launcher uses: no java, no JAVA_HOME) and the variables a test passes.
 */
final class UnpackedPackage {

    private final Path home;
    private final Path tools;

    private UnpackedPackage(Path home, Path tools) {
        this.home = home;
        this.tools = tools;
    }

    /** Unpacks {@code tarball} below {@code dir}/unpacked; the tools go to {@code dir}/tools. */
    static UnpackedPackage unpack(Path tarball, Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", target.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            throw new AssertionError("Cannot unpack " + tarball + ": " + output);
        }
        List<Path> tops;
        try (var entries = Files.list(target)) {
            tops = entries.toList();
        }
        if (tops.size() != 1) {
            throw new AssertionError("The tarball must hold one top-level directory: " + tops);
        }
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "readlink")) {
            Files.createSymbolicLink(tools.resolve(tool), locate(tool));
        }
        Files.createSymbolicLink(tools.resolve("configvault-agent"),
                tops.getFirst().resolve("bin/configvault-agent"));
        return new UnpackedPackage(tops.getFirst(), tools);
    }

    private static Path locate(String tool) throws IOException {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path path = Path.of(dir, tool);
            if (Files.isExecutable(path)) {
                return path.toRealPath();
            }
        }
        throw new AssertionError("Cannot find " + tool + " in /usr/bin or /bin");
    }

    Path home() {
        return home;
    }

    /** The directory that is the launcher's whole PATH. */
    Path tools() {
        return tools;
    }

    /** Starts the launcher (through the link on PATH) with {@code args}; output to {@code log}. */
    Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(tools.resolve("configvault-agent").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", tools.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs the launcher to its end; its exit code and output. */
    Result run(Map<String, String> env, Path log, String... args) throws Exception {
        long before = Files.exists(log) ? Files.size(log) : 0;
        Process process = start(env, log, args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("configvault-agent " + String.join(" ", args)
                    + " did not end within 120 s: " + Files.readString(log));
        }
        String all = Files.readString(log);
        return new Result(process.exitValue(), all.substring((int) before));
    }

    /** A finished launcher run. */
    record Result(int exitCode, String output) {
    }
}

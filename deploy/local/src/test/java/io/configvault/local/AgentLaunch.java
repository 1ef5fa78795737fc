package io.configvault.local;

import io.configvault.stack.StackRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one more capture agent, as the quickstart launches it, with its own settings. */
final class AgentLaunch {

    private AgentLaunch() {
    }

    /** Exit code and output of an agent that is expected to stop by itself. */
    record Exit(int code, String output) {
    }

    static Exit runUntilExit(Path dir, Map<String, String> settings) throws Exception {
        Path module = StackRoot.locate().dir().resolve("capture-service");
        String classpath = module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/runtime.classpath")).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m"));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", classpath, "io.configvault.capture.Application"));
        Path output = dir.resolve("agent.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CAPTURE_"));
        Process agent = builder.start();
        if (!agent.waitFor(60, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
            throw new IOException("the agent did not stop within 60 s:\n"
                    + Files.readString(output));
        }
        return new Exit(agent.exitValue(), Files.readString(output));
    }
}

package io.configvault.local.tls;

import io.configvault.stack.ChildJvm;
import io.configvault.stack.StackRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Launches a service module from its build output, as the quickstart does. */
final class ModuleLaunch {

    private ModuleLaunch() {
    }

    /** {@code module}'s {@code mainClass} with its configuration files, output to a file. */
    static ChildJvm start(Path workDir, String module, String mainClass, List<Path> configs,
                          Path output, List<String> systemProperties) throws IOException {
        Path moduleDir = StackRoot.locate().dir().resolve(module);
        String classpath = moduleDir.resolve("target/classes") + File.pathSeparator
                + Files.readString(moduleDir.resolve("target/runtime.classpath")).strip();
        List<String> jvmArgs = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED",
                "-Xmx256m", "-Dmicronaut.config.files=" + String.join(",",
                        configs.stream().map(Path::toString).toList())));
        jvmArgs.addAll(systemProperties);
        return ChildJvm.launch(module, workDir, output, jvmArgs, classpath, mainClass,
                List.of());
    }
}

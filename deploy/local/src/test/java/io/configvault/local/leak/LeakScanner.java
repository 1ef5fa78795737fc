package io.configvault.local.leak;

import io.configvault.stack.PlantedSecrets.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds planted secrets in what a build leaves under its modules' {@code target} directories: the
 * tests' captured output ({@code surefire-reports} and {@code failsafe-reports},
 * {@code *-output.txt}) and every log a test or service left there ({@code *.log},
 * {@code *.out}). Sources, classes and the XML/text reports (which name test methods) are not
 * read. A finding names the file, the line and the secret's name, never its value.
 */
final class LeakScanner {

    /** How deep below the root {@code target} directories are looked for (deploy/stack/x). */
    private static final int MODULE_DEPTH = 4;

    private final List<Secret> secrets;

    LeakScanner(List<Secret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** The files of a build that may hold what the tests and services printed. */
    static List<Path> outputs(Path root) throws IOException {
        List<Path> targets;
        try (Stream<Path> dirs = Files.walk(root, MODULE_DEPTH)) {
            targets = dirs.filter(dir -> dir.getFileName() != null
                            && dir.getFileName().toString().equals("target")
                            && Files.isDirectory(dir)
                            && !dir.toString().contains("/src/"))
                    .sorted().toList();
        }
        List<Path> files = new ArrayList<>();
        for (Path target : targets) {
            try (Stream<Path> all = Files.walk(target)) {
                all.filter(Files::isRegularFile).filter(LeakScanner::isOutput).sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    private static boolean isOutput(Path file) {
        String name = file.getFileName().toString();
        String parent = file.getParent().getFileName().toString();
        boolean report = parent.equals("surefire-reports") || parent.equals("failsafe-reports");
        if (report) {
            return name.endsWith("-output.txt");
        }
        return name.endsWith(".log") || name.endsWith(".out");
    }

    /** One sentence per line that holds a secret: file, line number, which secret. */
    List<String> findings(Path root, List<Path> files) throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            scan(root, file, findings);
        }
        return findings;
    }

    private void scan(Path root, Path file, List<String> findings) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(
                new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                for (Secret secret : secrets) {
                    if (secret.pattern().matcher(line).find()) {
                        findings.add(root.relativize(file) + ":" + number + " holds the "
                                + secret.name() + ".");
                    }
                }
            }
        }
    }
}

package io.configvault.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What compose.yaml's one-shot services do, done on the host from their own scripts:
 * {@code volume-init}'s {@code chown} and {@code mkdir -p} commands on the directories standing
 * for its named volumes (the vault creates its Kafka topics itself). A command the script gains
 * that this does not know fails the test, naming it.
 */
final class ComposeOneShots {

    private ComposeOneShots() {
    }

    /**
     * Runs {@code volume-init}'s script: its container paths are the mounts of its named volumes,
     * {@code volumeDir} gives the host directory of each volume.
     */
    static void volumeInit(ComposeFile compose, Function<String, Path> volumeDir)
            throws IOException {
        Map<String, Path> mounts = compose.volumes("volume-init").stream().collect(
                Collectors.toMap(ComposeFile.Mount::target, m -> volumeDir.apply(m.source())));
        for (String command : compose.script("volume-init").split("&&")) {
            List<String> words = Arrays.asList(command.strip().split("\\s+"));
            if (words.size() >= 3 && words.getFirst().equals("chown")) {
                String[] owner = words.get(1).split(":");
                for (String path : words.subList(2, words.size())) {
                    Path dir = hostPath(mounts, path);
                    Files.setAttribute(dir, "unix:uid", Integer.parseInt(owner[0]));
                    Files.setAttribute(dir, "unix:gid", Integer.parseInt(owner[1]));
                }
            } else if (words.size() >= 3 && words.subList(0, 2).equals(List.of("mkdir", "-p"))) {
                for (String path : words.subList(2, words.size())) {
                    Files.createDirectories(hostPath(mounts, path));
                }
            } else {
                throw new IllegalStateException("volume-init runs '" + command.strip()
                        + "', which ComposeOneShots does not know: teach it");
            }
        }
    }

    private static Path hostPath(Map<String, Path> mounts, String containerPath) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            String target = mount.getKey();
            if (containerPath.equals(target) || containerPath.startsWith(target + "/")) {
                return mount.getValue().resolve(containerPath.substring(target.length())
                        .replaceFirst("^/", ""));
            }
        }
        throw new IllegalStateException("volume-init uses " + containerPath
                + ", which is on none of its volumes " + mounts.keySet());
    }
}

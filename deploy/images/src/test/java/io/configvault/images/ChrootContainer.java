package io.configvault.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an unpacked image without a container engine, as strictly as a hardened deployment
 * would: in a private mount namespace ({@code unshare -m}) the image's root filesystem is
 * remounted read-only, {@code /tmp} is a fresh tmpfs mounted noexec (as Docker's
 * {@code --tmpfs} is: no native library may be extracted there and loaded), {@code /proc},
 * {@code /dev} and {@code /sys} are the host's, the volumes and configuration are bind mounts of host
 * directories, and the command runs in it ({@code unshare --root}) as the image's numeric user,
 * in its working directory, with exactly the image's environment plus the given overrides.
 * Needs root on the host (mount namespaces, chroot, setuid), as a container engine does.
 */
final class ChrootContainer {

    private final Path rootfs;
    private final JsonNode runConfig;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> mounts = new ArrayList<>();
    private String user;

    ChrootContainer(Path rootfs, JsonNode runConfig) {
        this.rootfs = rootfs;
        this.runConfig = runConfig;
        this.user = runConfig.get("User").asText();
        runConfig.path("Env").forEach(entry -> {
            String[] pair = entry.asText().split("=", 2);
            env.put(pair[0], pair[1]);
        });
    }

    /** Sets (or overrides) an environment variable, as {@code docker run -e} does. */
    ChrootContainer env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs as {@code uid:gid} instead of the image's user, as {@code docker run -u} does. */
    ChrootContainer user(String uidGid) {
        this.user = uidGid;
        return this;
    }

    /**
     * Mounts host directory or file {@code source} at {@code target} in the container. A missing
     * mount point is created in the root filesystem (a directory or an empty file, like the
     * source), as a container engine creates it in the container's own layer.
     */
    ChrootContainer bind(Path source, String target, boolean readOnly) throws IOException {
        Path point = rootfs.resolve(target.substring(1));
        if (!Files.exists(point, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(source)) {
                Files.createDirectories(point);
            } else {
                Files.createDirectories(point.getParent());
                Files.createFile(point);
            }
        }
        mounts.add(source + "\t" + target + "\t" + (readOnly ? "ro" : "rw"));
        return this;
    }

    /** Starts the image's entrypoint; its output goes to {@code log}. */
    Process start(Path log) throws IOException {
        List<String> entrypoint = new ArrayList<>();
        runConfig.get("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        return processBuilder(entrypoint).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Runs {@code command} in the container to its end. */
    Shell.Result run(List<String> command) throws IOException {
        return Shell.run(processBuilder(command).command(), 60);
    }

    private ProcessBuilder processBuilder(List<String> command) {
        String[] user = this.user.split(":");
        String workDir = runConfig.path("WorkingDir").asText("/");
        String r = quote(rootfs.toString());
        StringBuilder script = new StringBuilder("set -eu\n")
                .append("mount --bind ").append(r).append(' ').append(r).append('\n')
                .append("mount -o remount,bind,ro ").append(r).append('\n')
                .append("mount -t proc proc ").append(r).append("/proc\n")
                .append("mount --rbind /dev ").append(r).append("/dev\n")
                .append("mount --rbind /sys ").append(r).append("/sys\n")
                .append("mount -t tmpfs -o mode=1777,nosuid,nodev,noexec tmpfs ").append(r)
                .append("/tmp\n")
                .append("mount --bind /etc/hosts ").append(r).append("/etc/hosts\n");
        for (String mount : mounts) {
            String[] parts = mount.split("\t");
            String target = quote(rootfs + parts[1]);
            script.append("mount --bind ").append(quote(parts[0])).append(' ').append(target)
                    .append('\n');
            if (parts[2].equals("ro")) {
                script.append("mount -o remount,bind,ro ").append(target).append('\n');
            }
        }
        script.append("exec /usr/bin/env -i \"$@\"\n");
        List<String> args = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private",
                "sh", "-c", script.toString(), "container"));
        env.forEach((name, value) -> args.add(name + "=" + value));
        args.addAll(List.of("/usr/bin/unshare", "--root=" + rootfs, "--wd=" + workDir,
                "--setgid=" + user[1], "--setuid=" + user[0], "--"));
        args.addAll(command);
        return new ProcessBuilder(args);
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

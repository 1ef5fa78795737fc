package io.configvault.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The restic command lines of the comparison, as a user backing up to an S3 server would type
 * them: {@code restic -r s3:<endpoint>/<bucket> init}, then one {@code restic backup} per file.
 * Credentials and the repository password go through restic's documented environment
 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code RESTIC_PASSWORD_FILE}), never
 * the command line; the cache is kept in a directory of the run's own.
 *
 * @param binary       the restic executable
 * @param repository   {@code s3:http://host:port/bucket}
 * @param environment  what restic's process environment adds
 */
public record ResticCommand(String binary, String repository, Map<String, String> environment) {

    public ResticCommand {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /**
     * The commands for a repository in {@code bucket} on the S3 server at {@code endpoint}
     * ({@code http://host:port}, path-style as restic uses for an address with a port).
     */
    public static ResticCommand forS3(String binary, URI endpoint, String bucket, String region,
                                      String accessKey, String secretKey, Path passwordFile,
                                      Path cacheDir) {
        String base = endpoint.toString().replaceAll("/+$", "");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("RESTIC_PASSWORD_FILE", passwordFile.toString());
        env.put("RESTIC_CACHE_DIR", cacheDir.toString());
        return new ResticCommand(binary, "s3:" + base + "/" + bucket, env);
    }

    /** {@code restic -r <repo> init}. */
    public List<String> init() {
        return command("init");
    }

    /**
     * {@code restic -r <repo> backup --quiet --host <host> --tag <tag> <file>}: one snapshot of
     * one file, recorded under the appliance's name as restic's host.
     */
    public List<String> backup(Path file, String host, String tag) {
        List<String> command = command("backup");
        command.addAll(List.of("--quiet", "--host", host, "--tag", tag, file.toString()));
        return command;
    }

    /** {@code restic -r <repo> snapshots --json}: to check what the run stored. */
    public List<String> snapshots() {
        List<String> command = command("snapshots");
        command.add("--json");
        return command;
    }

    private List<String> command(String verb) {
        return new ArrayList<>(List.of(binary, "-r", repository, verb));
    }
}

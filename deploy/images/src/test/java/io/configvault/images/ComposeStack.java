package io.configvault.images;

import io.configvault.stack.FreePorts;
import io.configvault.stack.KafkaBroker;
import io.configvault.stack.S3Server;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The services of a {@link ComposeFile} brought up without a container engine: each named
 * volume is a directory under the work dir (s3proxy's is the real S3 server's bucket directory),
 * {@code volume-init} prepares them, s3proxy gets the key pair its command reads from the secret
 * files, and {@link #start} runs a service's image as compose would: its user, environment,
 * volumes and secrets, plus the given overrides and a free {@code MICRONAUT_SERVER_PORT}.
 */
final class ComposeStack {

    private static final Pattern S3_IDENTITY =
            Pattern.compile("S3PROXY_IDENTITY=\"\\$\\$\\(cat (\\S+)\\)\"");
    private static final Pattern S3_CREDENTIAL =
            Pattern.compile("S3PROXY_CREDENTIAL=\"\\$\\$\\(cat (\\S+)\\)\"");

    private final ComposeFile compose;
    private final Path work;
    private final String s3Volume;
    private final List<ImageTarball> images = new ArrayList<>();
    private final Map<ImageTarball, Path> rootfs = new HashMap<>();
    private final Map<String, Process> processes = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();

    /** Creates the volume directories and runs {@code volume-init}'s script on them. */
    ComposeStack(ComposeFile compose, Path work) throws IOException {
        this.compose = compose;
        this.work = work;
        String basedir = compose.environment("s3").get("JCLOUDS_FILESYSTEM_BASEDIR");
        this.s3Volume = compose.volumes("s3").stream().filter(m -> m.target().equals(basedir))
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "s3's JCLOUDS_FILESYSTEM_BASEDIR " + basedir + " is on no volume"))
                .source();
        ComposeOneShots.volumeInit(compose, this::volumeDir);
    }

    /** The real S3 server on {@code dataDir}, with the key pair s3's command reads. */
    S3Server startS3(Path dataDir) throws IOException {
        String script = compose.script("s3");
        return S3Server.start(dataDir, 0, s3Secret(S3_IDENTITY, script),
                s3Secret(S3_CREDENTIAL, script));
    }

    /** Opens and unpacks the vault's and the agent's image tarballs. */
    void unpackImages(Path root) throws IOException {
        for (String module : List.of("vault-service", "capture-service")) {
            ImageTarball image = ImageTarball.open(
                    root.resolve(module).resolve("target/jib-image.tar"),
                    work.resolve(module + "-image"));
            images.add(image);
            rootfs.put(image, image.unpack(work.resolve(module + "-rootfs")));
        }
    }

    /** Starts {@code service} from its image; its output goes to {@code <work>/<service>.log}. */
    void start(String service, Map<String, String> overrides) throws IOException {
        String name = compose.image(service);
        ImageTarball image = images.stream().filter(i -> i.repoTags().contains(name))
                .findFirst().orElseThrow(() -> new IllegalStateException(service + " runs "
                        + name + ", which neither image tarball is"));
        ChrootContainer container = new ChrootContainer(rootfs.get(image), image.runConfig())
                .user(compose.user(service));
        compose.environment(service).forEach(container::env);
        overrides.forEach(container::env);
        int port = FreePorts.pick();
        container.env("MICRONAUT_SERVER_PORT", String.valueOf(port));
        for (ComposeFile.Mount mount : mounts(service)) {
            container.bind(hostPath(mount), mount.target(), mount.readOnly());
        }
        processes.put(service, container.start(log(service)));
        ports.put(service, port);
    }

    void awaitHealthUp(String service) {
        ServiceHttp.awaitHealthUp(processes.get(service), port(service), log(service));
    }

    int port(String service) {
        return ports.get(service);
    }

    /** The host path bound at {@code target} in {@code service} (a volume or a secret). */
    Path hostPath(String service, String target) {
        return mounts(service).stream().filter(m -> m.target().equals(target))
                .map(this::hostPath).findFirst().orElseThrow(() -> new IllegalStateException(
                        service + " mounts nothing at " + target));
    }

    /** An agent's {@code capture.appliance-id}, from its mounted configuration file. */
    String applianceId(String agent) throws IOException {
        return setting(agent, "capture", "appliance-id");
    }

    /** The admin token: the file the vault's {@code vault.api.admin-token-file} names. */
    String adminToken() throws IOException {
        return Files.readString(hostPath("vault", setting("vault", "vault", "api",
                "admin-token-file"))).strip();
    }

    /** Stops every started service: SIGTERM, then SIGKILL after 20 s. */
    void stopAll() throws InterruptedException {
        for (Process process : processes.values()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private List<ComposeFile.Mount> mounts(String service) {
        List<ComposeFile.Mount> mounts = new ArrayList<>(compose.volumes(service));
        mounts.addAll(compose.secrets(service));
        return mounts;
    }

    private Path hostPath(ComposeFile.Mount mount) {
        return mount.namedVolume() ? volumeDir(mount.source())
                : compose.dir().resolve(mount.source()).normalize();
    }

    private Path volumeDir(String volume) {
        Path dir = volume.equals(s3Volume) ? work.resolve("s3/blobs")
                : work.resolve("volumes").resolve(volume);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create volume " + volume + " at " + dir, e);
        }
    }

    private Path log(String service) {
        return work.resolve(service + ".log");
    }

    private String s3Secret(Pattern pattern, String script) throws IOException {
        Matcher m = pattern.matcher(script);
        if (!m.find()) {
            throw new IllegalStateException("s3's command sets no " + pattern + ": " + script);
        }
        return Files.readString(hostPath("s3", m.group(1))).strip();
    }

    /** A setting of the configuration file {@code service}'s MICRONAUT_CONFIG_FILES names. */
    @SuppressWarnings("unchecked")
    private String setting(String service, String... keys) throws IOException {
        Path file = hostPath(service, compose.environment(service).get("MICRONAUT_CONFIG_FILES"));
        try (Reader reader = Files.newBufferedReader(file)) {
            Object value = new Yaml(new LoaderOptions()).load(reader);
            for (String key : keys) {
                value = ((Map<String, Object>) value).get(key);
            }
            return value.toString();
        }
    }
}

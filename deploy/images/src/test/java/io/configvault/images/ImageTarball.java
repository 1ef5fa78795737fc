package io.configvault.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image tarball in the docker-save layout that Jib's {@code buildTar} writes and
 * {@code docker load} / {@code podman load} read: {@code manifest.json} naming the image, its
 * config file and its layers (gzipped tars, applied in order). Opening one unpacks the tarball
 * into a directory; {@link #unpack} applies the layers to a root filesystem with their owners
 * and modes, as a container runtime does.
 */
final class ImageTarball {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Path dir;
    private final JsonNode manifest;
    private final JsonNode config;

    private ImageTarball(Path file, Path dir, JsonNode manifest, JsonNode config) {
        this.file = file;
        this.dir = dir;
        this.manifest = manifest;
        this.config = config;
    }

    /** Unpacks {@code file} into {@code dir} (created) and reads its manifest and config. */
    static ImageTarball open(Path file, Path dir) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No image tarball at " + file + ": build it with ./mvnw -B"
                    + " verify -Ppackaging -pl deploy/images -am -DskipTests");
        }
        Files.createDirectories(dir);
        Shell.check(List.of("tar", "-xf", file.toString(), "-C", dir.toString()), 120);
        JsonNode manifests = JSON.readTree(dir.resolve("manifest.json").toFile());
        if (manifests.size() != 1) {
            throw new IOException(file + " holds " + manifests.size() + " images, not one");
        }
        JsonNode manifest = manifests.get(0);
        JsonNode config = JSON.readTree(dir.resolve(manifest.get("Config").asText()).toFile());
        return new ImageTarball(file, dir, manifest, config);
    }

    long sizeBytes() throws IOException {
        return Files.size(file);
    }

    List<String> repoTags() {
        List<String> tags = new ArrayList<>();
        manifest.get("RepoTags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }

    /** The image config's {@code config} object: User, Entrypoint, Env, Volumes, ... */
    JsonNode runConfig() {
        return config.get("config");
    }

    /** The layer files, in order. */
    List<Path> layers() {
        List<Path> layers = new ArrayList<>();
        manifest.get("Layers").forEach(layer -> layers.add(dir.resolve(layer.asText())));
        return layers;
    }

    /** How many layers the config's root filesystem lists (each must be in the tarball). */
    int diffIdCount() {
        return config.get("rootfs").get("diff_ids").size();
    }

    /** Applies every layer to {@code rootfs} (created), keeping numeric owners and modes. */
    Path unpack(Path rootfs) throws IOException {
        Files.createDirectories(rootfs);
        for (Path layer : layers()) {
            Shell.check(List.of("tar", "--warning=no-unknown-keyword", "--same-owner",
                    "--numeric-owner", "-xzf", layer.toString(), "-C", rootfs.toString()), 120);
        }
        return rootfs;
    }
}

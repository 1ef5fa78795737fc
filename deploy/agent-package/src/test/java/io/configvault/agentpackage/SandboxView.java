package io.configvault.agentpackage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a service sees of the file system under the sandboxing settings of a merged unit: paths
 * below {@code TemporaryFileSystem=} directories and those {@code ProtectHome=} hides are
 * invisible unless a {@code BindReadOnlyPaths=}/{@code BindPaths=} entry puts them back (with
 * {@code ProtectHome=yes} nothing below /home, /root or /run/user can be put back; with
 * {@code tmpfs} it can); every other path is visible read-only ({@code ProtectSystem=strict});
 * only {@code BindPaths=} entries and the private /tmp are writable.
 */
final class SandboxView {

    private static final List<String> HOMES = List.of("/home", "/root", "/run/user");

    private final List<String> hidden = new ArrayList<>();
    private final List<String> readOnlyGrants = new ArrayList<>();
    private final List<String> writableGrants = new ArrayList<>();
    private final boolean homesInaccessible;

    SandboxView(UnitFile unit) {
        for (String entry : unit.words("Service.TemporaryFileSystem")) {
            hidden.add(entry.split(":", 2)[0]);
        }
        String protectHome = unit.value("Service.ProtectHome");
        homesInaccessible = protectHome.equals("yes");
        if (homesInaccessible || protectHome.equals("tmpfs")) {
            hidden.addAll(HOMES);
        }
        unit.words("Service.BindReadOnlyPaths").forEach(e -> readOnlyGrants.add(source(e)));
        unit.words("Service.BindPaths").forEach(e -> writableGrants.add(source(e)));
    }

    /** The read-only grants, without a leading '-'. */
    List<String> readOnlyGrants() {
        return List.copyOf(readOnlyGrants);
    }

    /** The writable grants ({@code BindPaths=}). */
    List<String> writableGrants() {
        return List.copyOf(writableGrants);
    }

    boolean readable(String path) {
        if (homesInaccessible && HOMES.stream().anyMatch(home -> under(path, home))) {
            return false;
        }
        boolean granted = readOnlyGrants.stream().anyMatch(grant -> under(path, grant))
                || writable(path);
        return granted || hidden.stream().noneMatch(root -> under(path, root));
    }

    boolean writable(String path) {
        return writableGrants.stream().anyMatch(grant -> under(path, grant))
                || under(path, "/tmp") || under(path, "/var/tmp");
    }

    /** Whether {@code path} is {@code dir} or lies below it. */
    static boolean under(String path, String dir) {
        return path.equals(dir) || path.startsWith(dir.endsWith("/") ? dir : dir + "/");
    }

    private static String source(String entry) {
        String path = entry.startsWith("-") ? entry.substring(1) : entry;
        return path.split(":", 2)[0];
    }
}

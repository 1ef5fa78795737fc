package io.configvault.capture.snapshot;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks, while sources are staged, that the bundle's entry names can all be extracted side by
 * side: no name twice, and no name that is another entry's parent directory. Sources may nest
 * (a file source inside a directory source's name, e.g. the GPG keys inside {@code
 * etc/passbolt}), so only the captured names show a clash, e.g. a directory source that also
 * captures the file another source names. Not thread-safe.
 */
final class EntryConflicts {

    /** Entry name → name of the source that produced it. */
    private final Map<String, String> entries = new HashMap<>();
    /** Parent directory of some entry → that entry. */
    private final Map<String, String> parents = new HashMap<>();

    /** Records {@code name}, captured by source {@code source}. */
    void add(String name, String source) throws Conflict {
        String twice = entries.get(name);
        if (twice != null) {
            throw new Conflict("the entry '" + name + "' is captured by source '" + twice
                    + "' and by source '" + source + "'; exclude it from one of them");
        }
        String below = parents.get(name);
        if (below != null) {
            throw new Conflict("the entry '" + name + "' of source '" + source + "' is also the"
                    + " directory of entry '" + below + "' of source '" + entries.get(below)
                    + "'; exclude one of them");
        }
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            String parent = name.substring(0, slash);
            if (entries.containsKey(parent)) {
                throw new Conflict("the entry '" + parent + "' of source '" + entries.get(parent)
                        + "' is also the directory of entry '" + name + "' of source '" + source
                        + "'; exclude one of them");
            }
            parents.putIfAbsent(parent, name);
        }
        entries.put(name, source);
    }

    /** Two sources' entries cannot share a bundle; permanent until the configuration changes. */
    static final class Conflict extends Exception {
        Conflict(String message) {
            super(message);
        }
    }
}

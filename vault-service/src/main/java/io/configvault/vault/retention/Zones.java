package io.configvault.vault.retention;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Zone ids as manifests write them, resolved once: an unknown or missing id counts as UTC. The
 * cache is bounded, so snapshots carrying many distinct made-up zone ids cannot grow it without
 * end (past the bound, ids are resolved each time). Thread-safe.
 */
final class Zones {

    /** Far more than the IANA database's ids. */
    private static final int CACHE_LIMIT = 2_048;

    private final ConcurrentHashMap<String, ZoneId> cache = new ConcurrentHashMap<>();

    ZoneId zone(String id) {
        if (id == null) {
            return ZoneOffset.UTC;
        }
        ZoneId zone = cache.get(id);
        if (zone == null) {
            zone = parse(id);
            if (cache.size() < CACHE_LIMIT) {
                cache.putIfAbsent(id, zone);
            }
        }
        return zone;
    }

    private static ZoneId parse(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}

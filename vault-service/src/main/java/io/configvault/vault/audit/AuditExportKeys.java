package io.configvault.vault.audit;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys of audit exports: {@code audit/<first seq>-<last seq>.jsonl}, each seq as 20
 * decimal digits with leading zeros, so that key order is seq order and the last key of a listing
 * is the newest export. Built from seq numbers only.
 */
final class AuditExportKeys {

    static final String PREFIX = "audit/";

    private static final Pattern KEY = Pattern.compile("audit/(\\d{20})-(\\d{20})\\.jsonl");

    private AuditExportKeys() {
    }

    static String key(long first, long last) {
        return String.format("%s%020d-%020d.jsonl", PREFIX, first, last);
    }

    /** The last seq in an export's key, or empty when the key is not an export's. */
    static OptionalLong lastSeq(String key) {
        Matcher matcher = KEY.matcher(key);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(2)))
                : OptionalLong.empty();
    }
}

package io.configvault.vault.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The Object Lock retention an object is created with: S3's {@code x-amz-object-lock-mode} and
 * {@code x-amz-object-lock-retain-until-date}. Until {@code retainUntil} the store refuses to
 * delete or overwrite the object's version — in {@link Mode#GOVERNANCE} unless the caller holds
 * and uses the right to bypass governance retention, in {@link Mode#COMPLIANCE} not even then.
 * The store compares {@code retainUntil} with its own clock and refuses one in the past.
 *
 * @param retainUntil whole seconds (S3 keeps no more; the vault rounds up before asking)
 */
public record ObjectLockRequest(Mode mode, Instant retainUntil) {

    /** The Object Lock modes, named as S3 names them. */
    public enum Mode {
        GOVERNANCE, COMPLIANCE;

        /**
         * The mode named by {@code vault.retention.lock-mode} or by the catalog.
         *
         * @throws IllegalArgumentException when it is neither mode
         */
        public static Mode parse(String name) {
            for (Mode mode : values()) {
                if (mode.name().equals(name.toUpperCase(Locale.ROOT))) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("an Object Lock mode is governance or compliance");
        }
    }

    public ObjectLockRequest {
        Objects.requireNonNull(mode, "mode");
        if (retainUntil.getNano() != 0) {
            throw new IllegalArgumentException("an Object Lock retain-until is whole seconds, not "
                    + retainUntil);
        }
    }

    /** "GOVERNANCE until 2026-12-22T10:00:00Z", for messages. */
    @Override
    public String toString() {
        return mode + " until " + retainUntil;
    }
}

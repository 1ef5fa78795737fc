package io.configvault.stack;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The secrets the tests plant in their fixtures — passphrases of test keys, plaintext markers in
 * sealed snapshots, bearer and enrolment tokens — which must never appear in a test's output or
 * in a service's log. The leak check at the end of the build ({@code SecretLeakIT} in
 * deploy/local) looks for each of them; a test that plants a new kind of secret adds it here.
 */
public final class PlantedSecrets {

    /** A secret: a name that may be printed, and the pattern of its value, which may not. */
    public record Secret(String name, Pattern pattern) {

        static Secret literal(String name, String value) {
            return new Secret(name, Pattern.compile(Pattern.quote(value)));
        }
    }

    /** Every planted secret. */
    public static final List<Secret> ALL = List.of(
            Secret.literal("test key passphrase (vault tests)", "test-passphrase"),
            Secret.literal("test key passphrase (shared tests)",
                    "test-only passphrase, not a secret"),
            Secret.literal("test key passphrase (gpg interop)", "gpg test-only passphrase"),
            Secret.literal("fleet fixture key passphrase", "fleet-fixture-passphrase"),
            Secret.literal("plaintext row of a sealed test snapshot", "secret-row-42"),
            Secret.literal("plaintext marker of VaultIngestIT", "plaintext-marker-7f3a"),
            Secret.literal("plaintext marker of the restore drills", "plaintext-marker-5c1d"),
            Secret.literal("plaintext marker of VaultVerifyIT", "plaintext-marker-91be"),
            new Secret("plaintext secret of PoisonIT",
                    Pattern.compile("SECRET-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}"
                            + "-[0-9a-f]{12}")),
            new Secret("bearer token", Pattern.compile("cvt_[A-Za-z0-9_-]{43}")),
            new Secret("enrolment token", Pattern.compile("cve_[A-Za-z0-9_-]{43}")));

    private PlantedSecrets() {
    }
}

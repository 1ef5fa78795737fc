package io.configvault.shared.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SnapshotIdTest {

    @Test
    void mintedIdsAreVersionSevenAndCarryTheClockTime() {
        Instant now = Instant.parse("2026-11-22T03:45:00.123Z");
        SnapshotId id = SnapshotId.mint(Clock.fixed(now, ZoneOffset.UTC));

        assertThat(id.uuid().version()).isEqualTo(7);
        assertThat(id.unixMillis()).isEqualTo(now.toEpochMilli());
        assertThat(SnapshotId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void parseAcceptsOnlyTheCanonicalForm() {
        assertThatThrownBy(() -> SnapshotId.parse("01936F4E-8A00-7ABC-8DEF-0123456789AB"))
                .hasMessage("Not a snapshot id (expected a lower-case UUIDv7): "
                        + "'01936F4E-8A00-7ABC-8DEF-0123456789AB'");
        assertThatThrownBy(() -> SnapshotId.parse("..%2f..%2fetc")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> SnapshotId.parse("x".repeat(10_000)))
                .hasMessageEndingWith("…(10000 chars)'");
    }

    @Test
    void namesAreRestrictedToSafeCharacters() {
        assertThat(Identifiers.isName("nas-17.site_a")).isTrue();
        assertThat(Identifiers.isName("NAS")).isFalse();
        assertThat(Identifiers.isName("a/b")).isFalse();
        assertThat(Identifiers.isName("a..b")).isFalse();
        assertThat(Identifiers.isName("")).isFalse();
        assertThatThrownBy(() -> Identifiers.requireName("appliance id", "../x"))
                .hasMessageStartingWith("Invalid appliance id '../x'");
    }

    @Test
    void printableRendersNoLineBreaksOrControlsAndStaysShort() {
        assertThat(Identifiers.printable("a\r\nb\u0085c\u2028d\u001be\u009bf\u007fg"))
                .isEqualTo("'a??b?c?d?e?f?g'");
        assertThat(Identifiers.printable("\u00e9t\u00e9 \uD83D\uDE00")).isEqualTo("'\u00e9t\u00e9 \uD83D\uDE00'");
        assertThat(Identifiers.printable("y".repeat(100)))
                .isEqualTo("'" + "y".repeat(64) + "…(100 chars)'");
        assertThat(Identifiers.printable(null)).isEqualTo("(none)");
    }
}

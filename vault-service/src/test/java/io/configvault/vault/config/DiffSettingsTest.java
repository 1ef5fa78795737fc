package io.configvault.vault.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults are bound (and their redaction shown) by {@code SnapshotDiffIT}. */
class DiffSettingsTest {

    @Test
    void invalidSettingsNameTheKeyToFix() {
        assertThatThrownBy(() -> new DiffSettings(List.of("*pass*", " "), 1000, 100, false))
                .hasMessage("Cannot start vault: vault.api.diff.sensitive-columns has an empty"
                        + " pattern");
        assertThatThrownBy(() -> new DiffSettings(List.of(), 0, 100, false))
                .hasMessage("Cannot start vault: vault.api.diff.max-changes must be at least 1");
        assertThatThrownBy(() -> new DiffSettings(List.of(), 1000, 0, false))
                .hasMessage("Cannot start vault: vault.api.diff.max-tables must be at least 1");
    }
}

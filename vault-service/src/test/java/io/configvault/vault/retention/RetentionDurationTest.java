package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionDurationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String FORM = "a duration is written like 30d, 12h, 6m or 1y2m3d4h"
            + " (years, months, days, hours, in that order)";

    @Test
    void parsesEachPartAndWritesItBack() {
        assertThat(RetentionDuration.parse("1y2m3d4h"))
                .isEqualTo(new RetentionDuration(1, 2, 3, 4));
        assertThat(RetentionDuration.parse("30d")).isEqualTo(new RetentionDuration(0, 0, 30, 0));
        assertThat(RetentionDuration.parse("6m")).isEqualTo(new RetentionDuration(0, 6, 0, 0));
        assertThat(RetentionDuration.parse("12h")).isEqualTo(new RetentionDuration(0, 0, 0, 12));
        assertThat(RetentionDuration.parse("2y12h").toString()).isEqualTo("2y12h");
        assertThat(RetentionDuration.parse("0d").isZero()).isTrue();
        assertThat(RetentionDuration.parse("0d")).hasToString("0h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d", "3d2y", "1w", "-1d", " 1d", "1d ", "12345y", "1.5d",
        "1D", "1y1y"})
    void refusesOtherForms(String text) {
        assertThatThrownBy(() -> RetentionDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(FORM);
    }

    @Test
    void refusesNullAndLongInputWithoutEchoingIt() {
        assertThatThrownBy(() -> RetentionDuration.parse(null)).hasMessage(FORM);
        assertThatThrownBy(() -> RetentionDuration.parse("1".repeat(40) + "d"))
                .hasMessage(FORM);
        assertThatThrownBy(() -> new RetentionDuration(0, -1, 0, 0))
                .hasMessage("a duration has no negative parts");
    }

    @Test
    void aDayIsACalendarDayAcrossDaylightSavingChanges() {
        Instant sundayNoon = ZonedDateTime.of(2026, 10, 25, 12, 0, 0, 0, BERLIN).toInstant();
        Instant saturdayNoon = RetentionDuration.parse("1d").before(sundayNoon, BERLIN);

        assertThat(Duration.between(saturdayNoon, sundayNoon)).isEqualTo(Duration.ofHours(25));
        assertThat(Duration.between(RetentionDuration.parse("24h").before(sundayNoon, BERLIN),
                sundayNoon)).isEqualTo(Duration.ofHours(24));
        Instant springSaturday = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, BERLIN).toInstant();
        assertThat(Duration.between(springSaturday,
                RetentionDuration.parse("1d").after(springSaturday, BERLIN)))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void monthsEndOnTheLastDayOfShorterMonthsAndPartsApplyLargestFirst() {
        Instant march31 = Instant.parse("2026-03-31T10:00:00Z");
        assertThat(RetentionDuration.parse("1m").before(march31, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        // Months first, then days: 2024-03-01 - 1m = 02-01, - 1d = 01-31 (not 02-29 - 1m).
        assertThat(RetentionDuration.parse("1m1d").before(Instant.parse("2024-03-01T00:00:00Z"),
                ZoneOffset.UTC)).isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
        assertThat(RetentionDuration.parse("1y1h").after(Instant.parse("2024-02-29T12:00:00Z"),
                ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-02-28T13:00:00Z"));
    }
}

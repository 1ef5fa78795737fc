package io.configvault.capture.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fire times of five-field cron expressions: the syntax, the day rules, time zones, and the
 * daylight-saving rule (a skipped local time fires once at the end of the gap, a repeated one
 * fires once at its first occurrence), in several zones with different transitions.
 */
class CronExpressionTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void theDefaultScheduleFiresAt0345EveryDayInItsZone() {
        assertThat(fires("45 3 * * *", BERLIN, "2025-06-10T12:00", 3)).containsExactly(
                "2025-06-11T03:45+02:00[Europe/Berlin]",
                "2025-06-12T03:45+02:00[Europe/Berlin]",
                "2025-06-13T03:45+02:00[Europe/Berlin]");
        assertThat(fires("45 3 * * *", ZoneOffset.UTC, "2025-06-10T03:45", 1))
                .as("strictly after").containsExactly("2025-06-11T03:45Z");
        assertThat(fires("45 3 * * *", ZoneId.of("Asia/Kolkata"), "2025-06-10T12:00", 1))
                .containsExactly("2025-06-11T03:45+05:30[Asia/Kolkata]");
        assertThat(CronExpression.parse("45 3 * * *").nextAfter(
                Instant.parse("2025-06-10T12:00:00Z"), ZoneId.of("Asia/Kolkata")))
                .as("a half-hour zone").isEqualTo(Instant.parse("2025-06-10T22:15:00Z"));
    }

    @Test
    void anInstantBetweenMinutesFindsTheNextWholeMinute() {
        CronExpression everyMinute = CronExpression.parse("* * * * *");

        assertThat(everyMinute.nextAfter(Instant.parse("2025-06-10T12:00:59.999Z"),
                ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-06-10T12:01:00Z"));
        assertThat(everyMinute.nextAfter(Instant.parse("2025-06-10T12:01:00Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2025-06-10T12:02:00Z"));
    }

    @Test
    void springForwardInBerlinRunsA0230ScheduleOnceWhenTheGapEnds() {
        // 2025-03-30: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
        assertThat(fires("30 2 * * *", BERLIN, "2025-03-28T12:00", 3)).containsExactly(
                "2025-03-29T02:30+01:00[Europe/Berlin]",
                "2025-03-30T03:00+02:00[Europe/Berlin]",
                "2025-03-31T02:30+02:00[Europe/Berlin]");
    }

    @Test
    void fallBackInBerlinRunsA0230ScheduleOnceAtItsFirstOccurrence() {
        // 2025-10-26: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
        assertThat(fires("30 2 * * *", BERLIN, "2025-10-24T12:00", 3)).containsExactly(
                "2025-10-25T02:30+02:00[Europe/Berlin]",
                "2025-10-26T02:30+02:00[Europe/Berlin]",
                "2025-10-27T02:30+01:00[Europe/Berlin]");
    }

    @Test
    void springForwardInNewYorkRunsA0230ScheduleOnceWhenTheGapEnds() {
        // 2025-03-09: 02:00 EST jumps to 03:00 EDT.
        assertThat(fires("30 2 * * *", NEW_YORK, "2025-03-07T12:00", 3)).containsExactly(
                "2025-03-08T02:30-05:00[America/New_York]",
                "2025-03-09T03:00-04:00[America/New_York]",
                "2025-03-10T02:30-04:00[America/New_York]");
    }

    @Test
    void fallBackInNewYorkRunsOnceForTheRepeatedHourAndOnceForTheHourAfter() {
        // 2025-11-02: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice, 02:30 once.
        assertThat(fires("30 1 * * *", NEW_YORK, "2025-10-31T12:00", 3)).containsExactly(
                "2025-11-01T01:30-04:00[America/New_York]",
                "2025-11-02T01:30-04:00[America/New_York]",
                "2025-11-03T01:30-05:00[America/New_York]");
        assertThat(fires("30 2 * * *", NEW_YORK, "2025-10-31T12:00", 3)).containsExactly(
                "2025-11-01T02:30-04:00[America/New_York]",
                "2025-11-02T02:30-05:00[America/New_York]",
                "2025-11-03T02:30-05:00[America/New_York]");
    }

    @Test
    void the0345DefaultIsUnaffectedByEitherTransition() {
        List<Instant> spring = instants("45 3 * * *", BERLIN, "2025-03-29T00:00", 3);
        assertThat(spring).extracting(i -> ZonedDateTime.ofInstant(i, BERLIN).toString())
                .containsExactly("2025-03-29T03:45+01:00[Europe/Berlin]",
                        "2025-03-30T03:45+02:00[Europe/Berlin]",
                        "2025-03-31T03:45+02:00[Europe/Berlin]");
        assertThat(Duration.between(spring.get(0), spring.get(1))).as("a 23-hour day")
                .isEqualTo(Duration.ofHours(23));
        List<Instant> fall = instants("45 3 * * *", BERLIN, "2025-10-25T00:00", 3);
        assertThat(fall).extracting(i -> ZonedDateTime.ofInstant(i, BERLIN).toString())
                .containsExactly("2025-10-25T03:45+02:00[Europe/Berlin]",
                        "2025-10-26T03:45+01:00[Europe/Berlin]",
                        "2025-10-27T03:45+01:00[Europe/Berlin]");
        assertThat(Duration.between(fall.get(0), fall.get(1))).as("a 25-hour day")
                .isEqualTo(Duration.ofHours(25));
    }

    @Test
    void severalRunTimesInsideTheGapCollapseIntoOneAndNoneRepeatsInTheOverlap() {
        assertThat(fires("*/15 2 * * *", BERLIN, "2025-03-30T00:00", 2)).containsExactly(
                "2025-03-30T03:00+02:00[Europe/Berlin]",
                "2025-03-31T02:00+02:00[Europe/Berlin]");
        assertThat(fires("*/15 2,3 * * *", BERLIN, "2025-10-26T00:00", 9)).containsExactly(
                "2025-10-26T02:00+02:00[Europe/Berlin]",
                "2025-10-26T02:15+02:00[Europe/Berlin]",
                "2025-10-26T02:30+02:00[Europe/Berlin]",
                "2025-10-26T02:45+02:00[Europe/Berlin]",
                "2025-10-26T03:00+01:00[Europe/Berlin]",
                "2025-10-26T03:15+01:00[Europe/Berlin]",
                "2025-10-26T03:30+01:00[Europe/Berlin]",
                "2025-10-26T03:45+01:00[Europe/Berlin]",
                "2025-10-27T02:00+01:00[Europe/Berlin]");
        assertThat(fires("0 3 * * *", BERLIN, "2025-03-30T00:00", 1))
                .as("03:00 is the end of the gap, not in it")
                .containsExactly("2025-03-30T03:00+02:00[Europe/Berlin]");
        assertThat(fires("30 2,3 * * *", BERLIN, "2025-03-30T00:00", 2))
                .containsExactly("2025-03-30T03:00+02:00[Europe/Berlin]",
                        "2025-03-30T03:30+02:00[Europe/Berlin]");
    }

    @Test
    void searchingFromInsideTheRepeatedHourDoesNotRunItsTimesAgain() {
        // 02:40 CET, the second pass through 02:xx: 02:45 already ran at 02:45 CEST.
        Instant secondPass = ZonedDateTime.of(2025, 10, 26, 2, 40, 0, 0, BERLIN)
                .withLaterOffsetAtOverlap().toInstant();

        assertThat(ZonedDateTime.ofInstant(CronExpression.parse("45 2 * * *")
                .nextAfter(secondPass, BERLIN), BERLIN))
                .hasToString("2025-10-27T02:45+01:00[Europe/Berlin]");
    }

    @Test
    void southernHemisphereAndHalfHourTransitionsFollowTheSameRule() {
        // Sydney: 2025-10-05 02:00 AEST jumps to 03:00 AEDT; 2025-04-06 03:00 AEDT falls back.
        assertThat(fires("30 2 * * *", ZoneId.of("Australia/Sydney"), "2025-10-04T12:00", 2))
                .containsExactly("2025-10-05T03:00+11:00[Australia/Sydney]",
                        "2025-10-06T02:30+11:00[Australia/Sydney]");
        assertThat(fires("30 2 * * *", ZoneId.of("Australia/Sydney"), "2025-04-05T12:00", 2))
                .containsExactly("2025-04-06T02:30+11:00[Australia/Sydney]",
                        "2025-04-07T02:30+10:00[Australia/Sydney]");
        // Lord Howe Island moves by 30 minutes: 02:00 jumps to 02:30, 02:00 falls back to 01:30.
        assertThat(fires("15 2 * * *", ZoneId.of("Australia/Lord_Howe"), "2025-10-04T12:00", 2))
                .containsExactly("2025-10-05T02:30+11:00[Australia/Lord_Howe]",
                        "2025-10-06T02:15+11:00[Australia/Lord_Howe]");
        assertThat(fires("45 1 * * *", ZoneId.of("Australia/Lord_Howe"), "2025-04-05T12:00", 2))
                .containsExactly("2025-04-06T01:45+11:00[Australia/Lord_Howe]",
                        "2025-04-07T01:45+10:30[Australia/Lord_Howe]");
    }

    @Test
    void aSkippedCalendarDayRunsOnceWhenTheZoneResumes() {
        // Samoa skipped 2011-12-30 entirely, moving from -10:00 to +14:00 at midnight.
        assertThat(fires("45 3 * * *", ZoneId.of("Pacific/Apia"), "2011-12-28T12:00", 3))
                .containsExactly("2011-12-29T03:45-10:00[Pacific/Apia]",
                        "2011-12-31T00:00+14:00[Pacific/Apia]",
                        "2011-12-31T03:45+14:00[Pacific/Apia]");
    }

    @Test
    void listsRangesStepsAndNames() {
        assertThat(fires("*/15 9-17 * * MON-FRI", ZoneOffset.UTC, "2025-06-13T17:40", 3))
                .as("Friday 17:45, then Monday").containsExactly("2025-06-13T17:45Z",
                        "2025-06-16T09:00Z", "2025-06-16T09:15Z");
        assertThat(fires("0 0 1,15 * *", ZoneOffset.UTC, "2025-06-10T00:00", 3))
                .containsExactly("2025-06-15T00:00Z", "2025-07-01T00:00Z", "2025-07-15T00:00Z");
        assertThat(fires("0 12 1 jan,Jul *", ZoneOffset.UTC, "2025-06-10T00:00", 2))
                .containsExactly("2025-07-01T12:00Z", "2026-01-01T12:00Z");
        assertThat(fires("5/20 3 * * *", ZoneOffset.UTC, "2025-06-10T00:00", 4))
                .as("a/n runs from a to the end of the range").containsExactly(
                        "2025-06-10T03:05Z", "2025-06-10T03:25Z", "2025-06-10T03:45Z",
                        "2025-06-11T03:05Z");
        assertThat(fires("0 0-12/6 * * *", ZoneOffset.UTC, "2025-06-10T00:00", 3))
                .containsExactly("2025-06-10T06:00Z", "2025-06-10T12:00Z", "2025-06-11T00:00Z");
        assertThat(fires("0 0 29 2 *", ZoneOffset.UTC, "2025-01-01T00:00", 2))
                .containsExactly("2028-02-29T00:00Z", "2032-02-29T00:00Z");
    }

    @Test
    void sundayIsZeroOrSeven() {
        assertThat(fires("0 6 * * 7", ZoneOffset.UTC, "2025-06-10T00:00", 2))
                .isEqualTo(fires("0 6 * * 0", ZoneOffset.UTC, "2025-06-10T00:00", 2))
                .isEqualTo(fires("0 6 * * sun", ZoneOffset.UTC, "2025-06-10T00:00", 2))
                .containsExactly("2025-06-15T06:00Z", "2025-06-22T06:00Z");
        assertThat(fires("0 6 * * 5-7", ZoneOffset.UTC, "2025-06-10T00:00", 4)).containsExactly(
                "2025-06-13T06:00Z", "2025-06-14T06:00Z", "2025-06-15T06:00Z",
                "2025-06-20T06:00Z");
    }

    @Test
    void twoRestrictedDayFieldsMatchEitherAsInVixieCron() {
        // The 13th or any Friday.
        assertThat(fires("0 0 13 * FRI", ZoneOffset.UTC, "2025-06-10T00:00", 3))
                .containsExactly("2025-06-13T00:00Z", "2025-06-20T00:00Z", "2025-06-27T00:00Z");
        assertThat(fires("0 0 13 * FRI", ZoneOffset.UTC, "2025-07-05T00:00", 2))
                .containsExactly("2025-07-11T00:00Z", "2025-07-13T00:00Z");
        // A field starting with '*' is unrestricted for this rule: odd days that are Mondays.
        assertThat(fires("0 0 */2 * MON", ZoneOffset.UTC, "2025-06-01T00:00", 2))
                .containsExactly("2025-06-09T00:00Z", "2025-06-23T00:00Z");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                | the expression is empty
            45 3 * *          | expected 5 fields (minute hour day-of-month month day-of-week), \
            found 4
            0 45 3 * * *      | expected 5 fields (minute hour day-of-month month day-of-week), \
            found 6; seconds and years are not supported
            60 3 * * *        | minute 60 is out of range 0-59
            45 25 * * *       | hour 25 is out of range 0-23
            0 0 0 * *         | day-of-month 0 is out of range 1-31
            0 0 * 13 *        | month 13 is out of range 1-12
            0 0 * * 8         | day-of-week 8 is out of range 0-7
            */0 * * * *       | minute step 0 is out of range 1-60
            */x * * * *       | minute field '*/x' has step 'x'; a step is a number from 1 to 60
            10-5 * * * *      | minute range '10-5' runs backwards
            1,,2 * * * *      | minute field '1,,2' has an empty list element
            a * * * *         | minute field 'a' contains 'a', which is not a number
            0 0 L * *         | day-of-month field 'L' contains 'L', which is not a number
            0 0 * FOO *       | month field 'FOO' contains 'FOO', which is not a number or name \
            (JAN-DEC)
            0 0 * * MON-      | day-of-week field 'MON-' contains '', which is not a number or \
            name (SUN-SAT)
            0 0 30 2 *        | it never fires: no date matches day-of-month '30', month '2' and \
            day-of-week '*'
            0 0 31 4,6,9,11 * | it never fires: no date matches day-of-month '31', month \
            '4,6,9,11' and day-of-week '*'
            """)
    void invalidExpressionsAreRefusedWithTheReason(String expression, String message) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void keepsTheTextAsWritten() {
        assertThat(CronExpression.parse("  45 3  * * * ")).hasToString("45 3  * * *")
                .isEqualTo(CronExpression.parse("45 3  * * *"));
    }

    @Test
    void findsTheFirstLocalMinuteAtOrAfterAStart() {
        CronExpression cron = CronExpression.parse("45 3 * * *");

        assertThat(cron.firstAtOrAfter(LocalDateTime.parse("2025-06-10T03:45:30")))
                .isEqualTo(LocalDateTime.parse("2025-06-10T03:45"));
        assertThat(cron.firstAtOrAfter(LocalDateTime.parse("2025-12-31T03:46")))
                .isEqualTo(LocalDateTime.parse("2026-01-01T03:45"));
    }

    /** The next {@code count} fire times after local time {@code from} in {@code zone}. */
    private static List<String> fires(String cron, ZoneId zone, String from, int count) {
        return instants(cron, zone, from, count).stream()
                .map(i -> ZonedDateTime.ofInstant(i, zone).toString()).toList();
    }

    private static List<Instant> instants(String cron, ZoneId zone, String from, int count) {
        CronExpression expression = CronExpression.parse(cron);
        Instant at = LocalDateTime.parse(from).atZone(zone).toInstant();
        List<Instant> fires = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            at = expression.nextAfter(at, zone);
            fires.add(at);
        }
        return fires;
    }
}

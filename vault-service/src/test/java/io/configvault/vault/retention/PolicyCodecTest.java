package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.configvault.shared.snapshot.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyCodecTest {

    private static final String COUNT = "must be a whole number from 0 to 100000";

    @Test
    void readsTheDocumentedExample() throws PolicyException {
        RetentionPolicy policy = read("""
                {"keep-last": 3, "keep-daily": 7, "keep-weekly": 4, "keep-within": "2d",
                 "time-zone": "Europe/Berlin",
                 "triggers": {"MANUAL": {"keep-within": "365d"},
                              "PRE_RESTORE": {"keep-within": "365d"}}}""");

        assertThat(policy.rules()).isEqualTo(new RuleSet(3, 0, 7, 4, 0, 0,
                RetentionDuration.parse("2d"), null, null, null, null, null));
        RuleSet year = new RuleSet(0, 0, 0, 0, 0, 0, RetentionDuration.parse("365d"), null,
                null, null, null, null);
        assertThat(policy.triggers()).isEqualTo(Map.of(Trigger.MANUAL, year,
                Trigger.PRE_RESTORE, year));
        assertThat(policy.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(policy.guaranteedLifetimes(Trigger.MANUAL)).containsExactly(
                RetentionDuration.parse("2d"), RetentionDuration.parse("365d"));
        assertThat(policy.guaranteedLifetimes(Trigger.SCHEDULE)).containsExactly(
                RetentionDuration.parse("2d"));
    }

    @Test
    void writesOnlyTheRulesThatAreSet() throws PolicyException {
        RetentionPolicy policy = read("""
                {"keep-hourly": 24, "keep-within-monthly": "1y6m",
                 "triggers": {"CHANGE": {"keep-last": 10}}}""");

        assertThat(PolicyCodec.toJson(policy)).isEqualTo("{\"keep-hourly\":24,"
                + "\"keep-within-monthly\":\"1y6m\",\"triggers\":{\"CHANGE\":{\"keep-last\":10}}}");
    }

    @Provide
    Arbitrary<RetentionPolicy> policies() {
        return RetentionArbitraries.policies().filter(p -> p != null).map(StoredPolicy::policy);
    }

    @Property(tries = 200)
    void readingWhatWasWrittenGivesThePolicyBack(@ForAll("policies") RetentionPolicy policy)
            throws PolicyException {
        Assume.that(!policy.isEmpty());

        assertThat(PolicyCodec.read(PolicyCodec.toJson(policy).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(policy);
        assertThat(PolicyCodec.read(PolicyCodec.write(policy))).isEqualTo(policy);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"keep-daily": -1}                    | keep-daily  | must be a whole number from 0 to 100000
            {"keep-daily": 100001}                | keep-daily  | must be a whole number from 0 to 100000
            {"keep-yearly": 99999999999}          | keep-yearly | must be a whole number from 0 to 100000
            {"keep-last": 1.5}                    | keep-last   | must be a whole number from 0 to 100000
            {"keep-weekly": "4"}                  | keep-weekly | must be a whole number from 0 to 100000
            {"keep-hourly": null}                 | keep-hourly | must be a whole number from 0 to 100000
            {"keep-within": "0d"}                 | keep-within | must be longer than zero (leave the rule out instead)
            {"keep-within-daily": "0y0m0d0h"}     | keep-within-daily | must be longer than zero (leave the rule out instead)
            {"keep-within": 30}                   | keep-within | must be a duration string such as "30d"
            {"keep-within-weekly": "30 days"}     | keep-within-weekly | a duration is written like 30d, 12h, 6m or 1y2m3d4h (years, months, days, hours, in that order)
            {"keep-within-yearly": "2d1y"}        | keep-within-yearly | a duration is written like 30d, 12h, 6m or 1y2m3d4h (years, months, days, hours, in that order)
            {"keep-last": 1, "time-zone": "Mars/Base"} | time-zone | is not a known IANA zone id (such as Europe/Berlin or UTC)
            {"keep-last": 1, "time-zone": 5}      | time-zone   | must be an IANA zone id such as Europe/Berlin or UTC
            {"keep-last": 1, "triggers": []}      | triggers    | must be an object of trigger name to rules
            {"triggers": {"MANUAL": 5}}           | triggers.MANUAL | must be an object of keep rules
            {"triggers": {"MANUAL": {}}}          | triggers.MANUAL | has no keep rule
            {"triggers": {"MANUAL": {"keep-last": 0}}} | triggers.MANUAL | has no keep rule
            {"triggers": {"MANUAL": {"keep-last": -3}}} | triggers.MANUAL.keep-last | must be a whole number from 0 to 100000
            {"triggers": {"MANUAL": {"keep-within": "0h"}}} | triggers.MANUAL.keep-within | must be longer than zero (leave the rule out instead)
            {"keep-daily": 7, "keep-daily": 8}    | keep-daily  | is given twice
            {"keep-last": 1, "time-zone": "UTC", "time-zone": "UTC"} | time-zone | is given twice
            {"triggers": {"MANUAL": {"keep-last": 1, "keep-last": 2}}} | triggers.MANUAL.keep-last | is given twice
            {"triggers": {"MANUAL": {"keep-last": 1}, "MANUAL": {"keep-last": 2}}} | triggers.MANUAL | is given twice
            {"bogus": 1, "bogus": 2}              | (document)  | a field is given twice
            {}                                    | (document)  | a policy needs at least one keep rule; without one it would delete every snapshot that no floor or hold keeps
            {"keep-last": 0, "keep-within-daily": null} | keep-within-daily | must be a duration string such as "30d"
            {"keep-last": 0}                      | (document)  | a policy needs at least one keep rule; without one it would delete every snapshot that no floor or hold keeps
            []                                    | (document)  | a policy is a JSON object of rules
            "keep-last"                           | (document)  | a policy is a JSON object of rules
            {"keep-last": 1                       | (document)  | not valid JSON
            """)
    void refusesWithTheRuleAtFault(String document, String rule, String problem) {
        PolicyException refused = refuse(document);

        assertThat(refused.rule()).isEqualTo(rule);
        assertThat(refused).hasMessage(rule + ": " + problem);
    }

    @Test
    void anUnknownRuleOrTriggerIsNamed() {
        assertThat(refuse("{\"keep-dayly\": 7}")).hasMessage("(document): 'keep-dayly' is an"
                + " unknown rule; the rules are keep-last, keep-hourly/daily/weekly/monthly/yearly,"
                + " keep-within, keep-within-hourly/daily/weekly/monthly/yearly, time-zone and"
                + " triggers");
        assertThat(refuse("{\"triggers\": {\"MANUAL\": {\"time-zone\": \"UTC\"}}}"))
                .hasMessage("triggers.MANUAL: 'time-zone' is an unknown rule; the rules are"
                        + " keep-last, keep-hourly/daily/weekly/monthly/yearly, keep-within,"
                        + " keep-within-hourly/daily/weekly/monthly/yearly");
        PolicyException trigger = refuse("{\"triggers\": {\"NIGHTLY\": {\"keep-last\": 1}}}");
        assertThat(trigger.rule()).isEqualTo("triggers");
        assertThat(trigger).hasMessage("triggers: 'NIGHTLY' is an unknown trigger; the triggers"
                + " are CHANGE, SCHEDULE, CATCH_UP, MANUAL, PRE_RESTORE");
    }

    @Test
    void anUnknownNameIsShortenedAndPrintable() {
        String name = "evil\\n" + "x".repeat(500);

        PolicyException refused = refuse("{\"" + name + "\": 1}");

        assertThat(refused.getMessage()).startsWith("(document): 'evil?xxx")
                .contains("…(505 chars)' is an unknown rule").doesNotContain("\n")
                .hasSizeLessThan(300);
    }

    @Test
    void anEmptyDocumentIsRefused() {
        assertThat(catchThrowableOfType(PolicyException.class, () -> PolicyCodec.read(
                new byte[0]))).hasMessage("(document): a policy is a JSON object of rules");
    }

    @Test
    void countsUpToTheMaximumAreAccepted() throws PolicyException {
        assertThat(read("{\"keep-last\": 100000}").rules().last()).isEqualTo(100_000);
        assertThat(read("{\"keep-within\": \"9999y\"}").rules().within())
                .isEqualTo(new RetentionDuration(9999, 0, 0, 0));
    }

    private static RetentionPolicy read(String json) throws PolicyException {
        return PolicyCodec.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PolicyException refuse(String json) {
        PolicyException refused = catchThrowableOfType(PolicyException.class, () -> read(json));
        assertThat(refused).as("refused: " + json).isNotNull();
        return refused;
    }
}

package io.configvault.vault.retention;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policy documents in JSON, read strictly: only known rules, each with a value of its kind,
 * each at most once. Example:
 *
 * <pre>{@code
 * {"keep-last": 3, "keep-daily": 7, "keep-weekly": 4, "keep-within": "2d",
 *  "time-zone": "Europe/Berlin",
 *  "triggers": {"MANUAL": {"keep-within": "365d"}, "PRE_RESTORE": {"keep-within": "365d"}}}
 * }</pre>
 */
public final class PolicyCodec {

    /** Largest count a rule takes: beyond it, keep-within says what is meant. */
    public static final int MAX_COUNT = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String[] COUNTS = {"keep-last", "keep-hourly", "keep-daily",
        "keep-weekly", "keep-monthly", "keep-yearly"};
    private static final String[] DURATIONS = {"keep-within", "keep-within-hourly",
        "keep-within-daily", "keep-within-weekly", "keep-within-monthly", "keep-within-yearly"};
    private static final Set<String> RULES = Set.of("keep-last", "keep-hourly", "keep-daily",
            "keep-weekly", "keep-monthly", "keep-yearly", "keep-within", "keep-within-hourly",
            "keep-within-daily", "keep-within-weekly", "keep-within-monthly",
            "keep-within-yearly");

    private PolicyCodec() {
    }

    /** Reads a policy document (UTF-8 JSON). */
    public static RetentionPolicy read(byte[] document) throws PolicyException {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(document)) {
            try {
                root = JSON.readTree(parser);
            } catch (JsonProcessingException e) {
                throw malformed(e, parser);
            }
        } catch (IOException e) {
            throw new PolicyException("(document)", "cannot be read");
        }
        return read(root);
    }

    /** Names the rule given twice when that is what is wrong (and it is a known name). */
    private static PolicyException malformed(JsonProcessingException e, JsonParser parser) {
        String problem = e.getOriginalMessage();
        if (problem == null || !problem.startsWith("Duplicate field")) {
            return new PolicyException("(document)", "not valid JSON");
        }
        List<String> path = new ArrayList<>();
        for (JsonStreamContext at = parser.getParsingContext(); at != null && !at.inRoot();
                at = at.getParent()) {
            if (at.inObject()) {
                path.addFirst(at.getCurrentName());
            }
        }
        for (String name : path) {
            if (!RULES.contains(name) && !"time-zone".equals(name) && !"triggers".equals(name)
                    && Arrays.stream(Trigger.values()).noneMatch(t -> t.name().equals(name))) {
                return new PolicyException("(document)", "a field is given twice");
            }
        }
        return new PolicyException(String.join(".", path), "is given twice");
    }

    /** Reads a policy from a parsed JSON object. */
    public static RetentionPolicy read(JsonNode root) throws PolicyException {
        if (root == null || !root.isObject()) {
            throw new PolicyException("(document)", "a policy is a JSON object of rules");
        }
        ZoneId zone = null;
        Map<Trigger, RuleSet> triggers = new EnumMap<>(Trigger.class);
        ObjectNode rules = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "time-zone" -> zone = zone(field.getValue());
                case "triggers" -> triggers = triggers(field.getValue());
                default -> rules.set(field.getKey(), field.getValue());
            }
        }
        RetentionPolicy policy = new RetentionPolicy(rules(rules, ""), triggers, zone);
        if (policy.isEmpty()) {
            throw new PolicyException("(document)", "a policy needs at least one keep rule;"
                    + " without one it would delete every snapshot that no floor or hold keeps");
        }
        return policy;
    }

    private static ZoneId zone(JsonNode value) throws PolicyException {
        if (!value.isTextual() || value.textValue().length() > 64) {
            throw new PolicyException("time-zone", "must be an IANA zone id such as"
                    + " Europe/Berlin or UTC");
        }
        try {
            return ZoneId.of(value.textValue());
        } catch (DateTimeException e) {
            throw new PolicyException("time-zone", "is not a known IANA zone id (such as"
                    + " Europe/Berlin or UTC)");
        }
    }

    private static Map<Trigger, RuleSet> triggers(JsonNode value) throws PolicyException {
        if (!value.isObject()) {
            throw new PolicyException("triggers", "must be an object of trigger name to rules");
        }
        Map<Trigger, RuleSet> triggers = new EnumMap<>(Trigger.class);
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Trigger trigger = trigger(field.getKey());
            String path = "triggers." + trigger.name();
            if (!field.getValue().isObject()) {
                throw new PolicyException(path, "must be an object of keep rules");
            }
            RuleSet set = rules((ObjectNode) field.getValue(), path + ".");
            if (set.isEmpty()) {
                throw new PolicyException(path, "has no keep rule");
            }
            triggers.put(trigger, set);
        }
        return triggers;
    }

    private static Trigger trigger(String name) throws PolicyException {
        for (Trigger trigger : Trigger.values()) {
            if (trigger.name().equals(name)) {
                return trigger;
            }
        }
        throw new PolicyException("triggers", Identifiers.printable(name) + " is an unknown"
                + " trigger; the triggers are " + String.join(", ", Arrays.stream(Trigger.values())
                .map(Trigger::name).toList()));
    }

    private static RuleSet rules(ObjectNode node, String path) throws PolicyException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RULES.contains(name)) {
                throw new PolicyException(path.isEmpty() ? "(document)" : path.substring(0,
                        path.length() - 1), Identifiers.printable(name) + " is an unknown"
                        + " rule; the rules are keep-last,"
                        + " keep-hourly/daily/weekly/monthly/yearly, keep-within,"
                        + " keep-within-hourly/daily/weekly/monthly/yearly"
                        + (path.isEmpty() ? ", time-zone and triggers" : ""));
            }
        }
        int[] counts = new int[COUNTS.length];
        for (int i = 0; i < COUNTS.length; i++) {
            counts[i] = count(node.get(COUNTS[i]), path + COUNTS[i]);
        }
        RetentionDuration[] durations = new RetentionDuration[DURATIONS.length];
        for (int i = 0; i < DURATIONS.length; i++) {
            durations[i] = duration(node.get(DURATIONS[i]), path + DURATIONS[i]);
        }
        return new RuleSet(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
                durations[0], durations[1], durations[2], durations[3], durations[4],
                durations[5]);
    }

    private static int count(JsonNode value, String rule) throws PolicyException {
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0
                || value.intValue() > MAX_COUNT) {
            throw new PolicyException(rule, "must be a whole number from 0 to " + MAX_COUNT);
        }
        return value.intValue();
    }

    private static RetentionDuration duration(JsonNode value, String rule)
            throws PolicyException {
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new PolicyException(rule, "must be a duration string such as \"30d\"");
        }
        RetentionDuration duration;
        try {
            duration = RetentionDuration.parse(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new PolicyException(rule, e.getMessage());
        }
        if (duration.isZero()) {
            throw new PolicyException(rule, "must be longer than zero (leave the rule out"
                    + " instead)");
        }
        return duration;
    }

    /** The policy as a JSON object with only the rules that are set. */
    public static ObjectNode write(RetentionPolicy policy) {
        ObjectNode root = writeRules(policy.rules());
        if (policy.timeZone() != null) {
            root.put("time-zone", policy.timeZone().getId());
        }
        if (!policy.triggers().isEmpty()) {
            ObjectNode triggers = root.putObject("triggers");
            policy.triggers().forEach((trigger, set) -> triggers.set(trigger.name(),
                    writeRules(set)));
        }
        return root;
    }

    /** The policy as compact JSON text (what the catalog stores). */
    public static String toJson(RetentionPolicy policy) {
        return write(policy).toString();
    }

    private static ObjectNode writeRules(RuleSet set) {
        ObjectNode node = JSON.createObjectNode();
        int[] counts = {set.last(), set.hourly(), set.daily(), set.weekly(), set.monthly(),
            set.yearly()};
        for (int i = 0; i < COUNTS.length; i++) {
            if (counts[i] > 0) {
                node.put(COUNTS[i], counts[i]);
            }
        }
        RetentionDuration[] durations = {set.within(), set.withinHourly(), set.withinDaily(),
            set.withinWeekly(), set.withinMonthly(), set.withinYearly()};
        for (int i = 0; i < DURATIONS.length; i++) {
            if (durations[i] != null) {
                node.put(DURATIONS[i], durations[i].toString());
            }
        }
        return node;
    }
}

package io.configvault.vault.retention;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.config.RetentionSettings;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The documented retention semantics (docs/retention.md) stated as plainly as possible, to check
 * {@link RetentionPlanner} against: every rule is a function from an ordered list of snapshots to
 * the ids it keeps, periods are labels from {@link ZonedDateTime}, the newest snapshot of each of
 * the N most recent distinct periods is found by grouping, bursts are found by trying every
 * window start. Slow (quadratic bursts) and shares no code with the planner.
 */
final class ReferencePlanner {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");
    private static final String[] KINDS = {"hourly", "daily", "weekly", "monthly", "yearly"};

    private final RetentionSettings settings;

    ReferencePlanner(RetentionSettings settings) {
        this.settings = settings;
    }

    /** One rule: its name, its period kind (or null), and what it keeps of an ordered list. */
    private record Rule(String name, String kind,
                        BiFunction<List<Candidate>, Candidate, Set<SnapshotId>> keeps) {
    }

    AppliancePlan plan(String applianceId, StoredPolicy stored, List<Candidate> snapshots,
                       Instant now) {
        List<Candidate> ordered = newestFirst(snapshots);
        RetentionPolicy policy = stored == null ? null : stored.policy();
        Set<SnapshotId> bursts = burstMembers(ordered);
        List<String> warnings = new ArrayList<>();
        Instant limit = now.plus(settings.maxClockSkew());
        if (ordered.stream().anyMatch(c -> c.storedAt().isAfter(limit))) {
            warnings.add("vault clock behind");
        }
        if (!ordered.isEmpty() && ordered.get(0).capturedAt().isAfter(limit)) {
            warnings.add("appliance clock ahead");
        }
        boolean guarded = !warnings.isEmpty();
        if (!bursts.isEmpty()) {
            warnings.add("burst");
        }
        List<Rule> rules = policy == null ? List.of() : rules(policy);
        Map<String, Set<SnapshotId>> first = new LinkedHashMap<>();
        Map<String, Set<SnapshotId>> second = new LinkedHashMap<>();
        List<Candidate> outside = ordered.stream().filter(c -> !bursts.contains(c.id())).toList();
        for (Rule rule : rules) {
            first.put(rule.name(), ruleOver(rule, ordered));
            second.put(rule.name(), bursts.isEmpty() ? Set.of() : ruleOver(rule, outside));
        }
        List<Decision> keep = new ArrayList<>();
        List<Decision> delete = new ArrayList<>();
        for (Candidate c : ordered) {
            List<Reason> reasons = new ArrayList<>();
            if (policy == null) {
                reasons.add(Reason.of("no-policy"));
            } else if (guarded) {
                reasons.add(Reason.of("clock-guard"));
            } else {
                for (Rule rule : rules) {
                    String period = rule.kind() == null ? null
                            : label(rule.kind(), c, zone(c, policy));
                    if (first.get(rule.name()).contains(c.id())) {
                        reasons.add(new Reason(rule.name(), period));
                    } else if (second.get(rule.name()).contains(c.id())) {
                        reasons.add(new Reason(rule.name() + " (burst guard)", period));
                    }
                }
            }
            if (now.minus(settings.floorMinAge()).isBefore(c.storedAt())) {
                reasons.add(Reason.of("floor.min-age"));
            }
            if (c.held()) {
                reasons.add(Reason.of("hold"));
            }
            if (c.retainUntil() != null && now.isBefore(c.retainUntil())) {
                reasons.add(Reason.of("object-lock"));
            }
            if (reasons.isEmpty()) {
                delete.add(new Decision(c, reasons));
            } else {
                keep.add(new Decision(c, reasons));
            }
        }
        return new AppliancePlan(applianceId, stored == null ? null : stored.scope().key(), keep,
                delete, warnings, bursts.size());
    }

    /** The rule's keepers; the reference time is the newest of the whole list. */
    private static Set<SnapshotId> ruleOver(Rule rule, List<Candidate> list) {
        return list.isEmpty() ? Set.of() : rule.keeps().apply(list, list.get(0));
    }

    List<Candidate> newestFirst(List<Candidate> snapshots) {
        List<Candidate> ordered = new ArrayList<>(snapshots);
        ordered.sort((a, b) -> {
            if (!a.capturedAt().equals(b.capturedAt())) {
                return b.capturedAt().compareTo(a.capturedAt());
            }
            if (a.sequence() != b.sequence()) {
                return Long.compare(b.sequence(), a.sequence());
            }
            return b.id().toString().compareTo(a.id().toString());
        });
        return ordered;
    }

    /** Members of a burst, found by trying every stored time as a window's start. */
    Set<SnapshotId> burstMembers(List<Candidate> snapshots) {
        Set<SnapshotId> members = new HashSet<>();
        for (Candidate start : snapshots) {
            Instant from = start.storedAt();
            Instant to = from.plus(settings.burstWindow());
            List<Candidate> inside = snapshots.stream()
                    .filter(c -> !c.storedAt().isBefore(from) && c.storedAt().isBefore(to))
                    .toList();
            if (inside.size() > settings.burstMaxSnapshots()) {
                inside.forEach(c -> members.add(c.id()));
            }
        }
        return members;
    }

    static ZoneId zone(Candidate c, RetentionPolicy policy) {
        if (policy != null && policy.timeZone() != null) {
            return policy.timeZone();
        }
        try {
            return ZoneId.of(c.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }

    static String label(String kind, Candidate c, ZoneId zone) {
        ZonedDateTime local = c.capturedAt().atZone(zone);
        return switch (kind) {
            case "hourly" -> HOUR.format(local);
            case "daily" -> DAY.format(local);
            case "weekly" -> local.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                    + (local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) < 10 ? "0" : "")
                    + local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "monthly" -> MONTH.format(local);
            case "yearly" -> Integer.toString(local.getYear());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private List<Rule> rules(RetentionPolicy policy) {
        List<Rule> rules = new ArrayList<>(ruleSet("", policy.rules(), null, policy));
        for (Trigger trigger : Trigger.values()) {
            RuleSet set = policy.triggers().get(trigger);
            if (set != null) {
                rules.addAll(ruleSet("triggers." + trigger.name() + ".", set, trigger, policy));
            }
        }
        int floor = settings.floorNewestVerified();
        rules.add(new Rule("floor.newest-verified", null, (list, newest) -> ids(list.stream()
                .filter(Candidate::verified).limit(floor).toList())));
        return rules;
    }

    private static List<Rule> ruleSet(String prefix, RuleSet set, Trigger trigger,
                                      RetentionPolicy policy) {
        List<Rule> rules = new ArrayList<>();
        int[] counts = {set.hourly(), set.daily(), set.weekly(), set.monthly(), set.yearly()};
        RetentionDuration[] within = {set.withinHourly(), set.withinDaily(), set.withinWeekly(),
            set.withinMonthly(), set.withinYearly()};
        if (set.last() > 0) {
            rules.add(new Rule(prefix + "keep-last", null, (list, newest) ->
                    ids(only(list, trigger).stream().limit(set.last()).toList())));
        }
        for (int k = 0; k < KINDS.length; k++) {
            String kind = KINDS[k];
            int n = counts[k];
            if (n > 0) {
                rules.add(new Rule(prefix + "keep-" + kind, kind, (list, newest) ->
                        newestOfRecentPeriods(only(list, trigger), kind, n, policy)));
            }
        }
        if (set.within() != null) {
            rules.add(new Rule(prefix + "keep-within", null, (list, newest) ->
                    ids(capturedWithin(only(list, trigger), set.within(), newest, policy))));
        }
        for (int k = 0; k < KINDS.length; k++) {
            String kind = KINDS[k];
            RetentionDuration d = within[k];
            if (d != null) {
                rules.add(new Rule(prefix + "keep-within-" + kind, kind, (list, newest) ->
                        newestOfRecentPeriods(capturedWithin(only(list, trigger), d, newest,
                                policy), kind, Integer.MAX_VALUE, policy)));
            }
        }
        return rules;
    }

    private static List<Candidate> only(List<Candidate> list, Trigger trigger) {
        return trigger == null ? list : list.stream().filter(c -> c.trigger() == trigger)
                .toList();
    }

    private static List<Candidate> capturedWithin(List<Candidate> list, RetentionDuration d,
                                                  Candidate newest, RetentionPolicy policy) {
        Instant cutoff = d.before(newest.capturedAt(), zone(newest, policy));
        return list.stream().filter(c -> !c.capturedAt().isBefore(cutoff)).toList();
    }

    /** Groups by period; the most recent periods are those whose newest snapshot is newest. */
    private static Set<SnapshotId> newestOfRecentPeriods(List<Candidate> list, String kind, int n,
                                                         RetentionPolicy policy) {
        Map<String, Candidate> newestOfPeriod = new LinkedHashMap<>();
        for (Candidate c : list) {
            newestOfPeriod.putIfAbsent(label(kind, c, zone(c, policy)), c);
        }
        return ids(newestOfPeriod.values().stream().limit(n).toList());
    }

    private static Set<SnapshotId> ids(List<Candidate> list) {
        Set<SnapshotId> ids = new HashSet<>();
        list.forEach(c -> ids.add(c.id()));
        return ids;
    }
}

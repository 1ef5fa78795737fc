package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.config.RetentionSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One worked example of docs/retention.md: a policy, settings, an appliance's snapshots and the
 * vault's clock, planned and rendered as the markdown block the doc shows between
 * {@code <!-- retention-example: name -->} and {@code <!-- /retention-example -->}. The doc's
 * block must be exactly the rendering, so the doc cannot drift from what the planner does.
 */
final class WorkedExample {

    static final Path DOC = Path.of("..", "docs", "retention.md");
    private static final String APPLIANCE = "nas-1";
    private static final String START = "<!-- retention-example: ";
    private static final String END = "<!-- /retention-example -->";
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("EEE uuuu-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OFFSET =
            DateTimeFormatter.ofPattern("EEE uuuu-MM-dd HH:mm xxx", Locale.ROOT);
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final String name;
    private final ZoneId zone;
    private final String policy;
    private String manifestZone;
    private RetentionSettings settings = RetentionSettings.defaults();
    private Instant now;
    private boolean offsets;
    private boolean utc;
    private boolean stored;
    private final List<Row> rows = new ArrayList<>();

    /** A snapshot as the example writes it. */
    private record Row(Candidate snapshot, String notes) {
    }

    /**
     * @param zone   the appliance's zone (from its manifests), in which times are written
     * @param policy the policy document, as the doc shows it
     */
    WorkedExample(String name, String zone, String policy) {
        this.name = name;
        this.zone = ZoneId.of(zone);
        this.manifestZone = zone;
        this.policy = policy;
    }

    /** The manifests carry another zone than the one times are written in (the policy's). */
    WorkedExample manifestZone(String id) {
        this.manifestZone = id;
        this.utc = true;
        return this;
    }

    WorkedExample settings(RetentionSettings other) {
        this.settings = other;
        return this;
    }

    WorkedExample now(String local) {
        this.now = instant(local);
        return this;
    }

    /** Shows UTC offsets (and UTC times): for the DST example. */
    WorkedExample offsets() {
        this.offsets = true;
        this.utc = true;
        return this;
    }

    /** Shows when the vault stored each snapshot (by default one minute after its capture). */
    WorkedExample storedColumn() {
        this.stored = true;
        return this;
    }

    /**
     * Adds a snapshot captured at {@code local} (optionally with an offset,
     * {@code 2026-10-25 02:15 +01:00}). Options: {@code stored <local>}, {@code held},
     * {@code verified}, {@code lock <local>}.
     */
    WorkedExample snapshot(String local, Trigger trigger, String... options) {
        Instant captured = instant(local);
        Instant storedAt = captured.plus(Duration.ofMinutes(1));
        boolean held = false;
        boolean verified = false;
        Instant lock = null;
        List<String> notes = new ArrayList<>();
        for (String option : options) {
            if (option.startsWith("stored ")) {
                storedAt = instant(option.substring(7));
            } else if (option.equals("held")) {
                held = true;
                notes.add("held");
            } else if (option.equals("verified")) {
                verified = true;
                notes.add("verified");
            } else if (option.startsWith("lock ")) {
                lock = instant(option.substring(5));
                notes.add("lock until " + option.substring(5));
            } else {
                throw new IllegalArgumentException(option);
            }
        }
        long number = rows.size() + 1;
        rows.add(new Row(new Candidate(RetentionArbitraries.id(number), number, trigger,
                captured, storedAt, manifestZone, held, verified, lock),
                String.join(", ", notes)));
        return this;
    }

    AppliancePlan plan() {
        return new RetentionPlanner(settings).plan(APPLIANCE, new StoredPolicy(
                PolicyScope.VAULT, policy(), Instant.EPOCH, "admin"), rows.stream()
                .map(Row::snapshot).toList(), now);
    }

    /** The example's snapshot numbers (1 is the newest) the plan deletes. */
    List<Integer> deleted(AppliancePlan plan) {
        List<Candidate> order = order();
        return plan.delete().stream().map(d -> order.indexOf(d.snapshot()) + 1).toList();
    }

    /** Asserts that the doc shows exactly this example's rendering. */
    void matchesTheDoc(AppliancePlan plan) throws IOException {
        String rendered = render(plan);
        // Also written to the build directory, to copy into the doc when an example changes.
        Path copy = Path.of("target", "retention-examples", name + ".md");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, START + name + " -->\n" + rendered + "\n" + END + "\n",
                StandardCharsets.UTF_8);
        String doc = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        String start = START + name + " -->\n";
        int from = doc.indexOf(start);
        int to = from < 0 ? -1 : doc.indexOf(END, from);
        String shown = to < 0 ? "(no block " + start.strip() + " ... " + END + " in " + DOC + ")"
                : doc.substring(from + start.length(), to).strip();

        assertThat(shown).as("the block of docs/retention.md that shows " + name + " (the"
                + " planner's rendering is in " + copy + ")").isEqualTo(rendered);
    }

    String render(AppliancePlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Policy `").append(policy).append("`,\nnow ").append(local(now))
                .append(" (").append(zone.getId()).append(")");
        RetentionSettings defaults = RetentionSettings.defaults();
        if (settings.burstMaxSnapshots() != defaults.burstMaxSnapshots()
                || !settings.burstWindow().equals(defaults.burstWindow())) {
            out.append(", burst-max-snapshots ").append(settings.burstMaxSnapshots())
                    .append(" in ").append(ClockGuard.text(settings.burstWindow()));
        }
        if (!manifestZone.equals(zone.getId())) {
            out.append(", manifests say ").append(manifestZone);
        }
        out.append(":\n\n| # | captured |");
        StringBuilder rule = new StringBuilder("|--:|---|");
        if (utc) {
            out.append(" (UTC) |");
            rule.append("---|");
        }
        out.append(" trigger |");
        rule.append("---|");
        if (stored) {
            out.append(" stored |");
            rule.append("---|");
        }
        boolean notes = rows.stream().anyMatch(r -> !r.notes().isEmpty());
        if (notes) {
            out.append(" notes |");
            rule.append("---|");
        }
        out.append(" verdict |\n").append(rule).append("---|\n");
        List<Candidate> order = order();
        for (int i = 0; i < order.size(); i++) {
            Candidate c = order.get(i);
            out.append("| ").append(i + 1).append(" | ").append(local(c.capturedAt()));
            if (utc) {
                out.append(" | ").append(UTC.format(c.capturedAt().atOffset(ZoneOffset.UTC)));
            }
            out.append(" | ").append(c.trigger());
            if (stored) {
                out.append(" | ").append(local(c.storedAt()));
            }
            if (notes) {
                out.append(" | ").append(rows.stream().filter(r -> r.snapshot() == c)
                        .findFirst().orElseThrow().notes());
            }
            out.append(" | ").append(verdict(plan, c)).append(" |\n");
        }
        for (String warning : plan.warnings()) {
            out.append("\nWarning: ").append(warning).append('\n');
        }
        return out.toString().strip();
    }

    private static String verdict(AppliancePlan plan, Candidate c) {
        return plan.keep().stream().filter(d -> d.snapshot().equals(c)).findFirst()
                .map(d -> "kept: " + d.reasons().stream().map(Reason::toString)
                        .collect(Collectors.joining(", ")))
                .orElse("**deleted**");
    }

    private List<Candidate> order() {
        return rows.stream().map(Row::snapshot).sorted(Timeline.NEWEST_FIRST).toList();
    }

    private RetentionPolicy policy() {
        try {
            return PolicyCodec.read(policy.getBytes(StandardCharsets.UTF_8));
        } catch (PolicyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private String local(Instant instant) {
        return (offsets ? OFFSET : LOCAL).format(instant.atZone(zone));
    }

    private Instant instant(String local) {
        if (local.length() > 16) {
            return OffsetDateTime.parse(local.replace(' ', 'T').replaceFirst("T([+-])", "$1"))
                    .toInstant();
        }
        return LocalDateTime.parse(local.replace(' ', 'T')).atZone(zone).toInstant();
    }
}

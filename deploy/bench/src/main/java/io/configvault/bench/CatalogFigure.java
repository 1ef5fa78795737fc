package io.configvault.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Figure 5, the catalog at scale, from its {@link CatalogResult}: table, notes and values. */
final class CatalogFigure {

    static final String ID = "catalog-scale";
    /** A listing slower than this at p95 is one an operator would notice (issue 8's brief). */
    static final double SLOW_LIST_MS = 200;

    private CatalogFigure() {
    }

    static Figure of(CatalogResult r) {
        ScaleFleet fleet = r.fleet();
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rows", fleet.rows());
        values.put("appliances", fleet.appliances());
        values.put("snapshotsPerAppliance", fleet.perAppliance());
        values.put("catalogBytes", r.catalogBytes());
        values.put("fillSeconds", BurstResult.seconds(r.fillNanos()));
        values.put("vaultStartSeconds", BurstResult.seconds(r.startNanos()));
        double slowest = 0;
        for (CatalogResult.Listing list : r.lists()) {
            Percentiles p = Percentiles.of(list.micros());
            rows.add(List.of(list.name(), BurstFigure.count(list.items()),
                    BurstFigure.count(p.count()), ms(p.at(50)), ms(p.at(95)), ms(p.max())));
            String key = key(list.name());
            values.put(key + "Path", list.path());
            values.put(key + "MsP50", p.at(50) / 1000.0);
            values.put(key + "MsP95", p.at(95) / 1000.0);
            values.put(key + "MsMax", p.max() / 1000.0);
            slowest = Math.max(slowest, p.at(95) / 1000.0);
        }
        double walk = BurstResult.seconds(r.walkNanos());
        rows.add(List.of("Whole fleet view, pages of 1,000", BurstFigure.count(fleet.appliances()),
                "1", seconds(r.walkNanos()), "", ""));
        rows.add(List.of("Retention pass, deleting each appliance's oldest",
                BurstFigure.count(r.pass().deleted()), "1", seconds(r.pass().nanos()), "", ""));
        rows.add(List.of("Retention pass, nothing left to delete",
                BurstFigure.count(r.steadyPass().deleted()), "1", seconds(r.steadyPass().nanos()),
                "", ""));
        values.put("fleetWalkSeconds", walk);
        values.put("passSeconds", BurstResult.seconds(r.pass().nanos()));
        values.put("passDeleted", r.pass().deleted());
        values.put("passAppliances", r.pass().appliances());
        values.put("passDeletedBytes", r.objectBytes());
        values.put("steadyPassSeconds", BurstResult.seconds(r.steadyPass().nanos()));
        values.put("slowestListMsP95", slowest);
        return new Figure(ID, "Figure 5: catalog at scale, " + BurstFigure.count(
                Math.toIntExact(fleet.rows())) + " snapshot rows", List.of("Request", "Items",
                "Requests", "p50", "p95", "max"), rows, notes(r, slowest, walk), values);
    }

    private static List<String> notes(CatalogResult r, double slowestMs, double walkSeconds) {
        ScaleFleet fleet = r.fleet();
        double pass = BurstResult.seconds(r.pass().nanos());
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "The catalog: %,d appliances in 10 fleets × %d daily"
                + " snapshots (2–18 KiB each), %,d rows, %,d MiB of SQLite, written in %.1f s"
                + " before the vault started (one transaction of batched inserts into the vault's"
                + " own schema); the vault (-Xmx256m) then started on it in %.1f s.",
                fleet.appliances(), fleet.perAppliance(), fleet.rows(), r.catalogBytes() >> 20,
                BurstResult.seconds(r.fillNanos()), BurstResult.seconds(r.startNanos())));
        notes.add("Listings: each request timed whole through the API (admin token, one"
                + " keep-alive connection), " + WARMUP_TEXT + "; a snapshot listing is also"
                + " written to the audit log (one synchronous SQLite commit). Cursors are"
                + " keyset positions, so the last page costs what the first does.");
        notes.add(String.format(Locale.ROOT, "%s: the slowest listing answers in %.1f ms at"
                + " p95 (an operator notices above %.0f ms); the whole fleet view of %,d"
                + " appliances pages through in %.1f s.", slowestMs <= SLOW_LIST_MS ? "Fast"
                : "Slow", slowestMs, SLOW_LIST_MS, fleet.appliances(), walkSeconds));
        notes.add(String.format(Locale.ROOT, "Retention: policy %s for the whole vault, run by"
                + " POST /api/v1/retention/run. The first pass plans all %,d appliances' %,d rows"
                + " and deletes each one's oldest snapshot — the steady state of a daily"
                + " schedule — %,d real DELETEs of objects put into the bucket beforehand (%,d"
                + " MiB; the other rows have no object, the pass never reads them), in %.1f s"
                + " (%.0f deletions/s). The second pass, with nothing to delete, shows the"
                + " planning alone: %.1f s. At %,d × %d that is the time a vault with this fleet"
                + " spends on its hourly pass.",
                ScaleFleet.policy(fleet.perAppliance()), r.pass().appliances(), fleet.rows(),
                r.pass().deleted(), r.objectBytes() >> 20, pass, r.pass().deleted() / pass,
                BurstResult.seconds(r.steadyPass().nanos()), fleet.appliances(),
                fleet.perAppliance()));
        return notes;
    }

    static final String WARMUP_TEXT = "after 3 untimed requests";

    /** {@code "Fleet view, first page"} → {@code "fleetViewFirstPage"}. */
    static String key(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '\'') {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                out.append(upper && !out.isEmpty() ? Character.toUpperCase(c)
                        : Character.toLowerCase(c));
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.toString();
    }

    /** Microseconds as milliseconds with one decimal and the unit. */
    static String ms(long micros) {
        return BurstFigure.fixed(micros / 1000.0, 1) + " ms";
    }

    static String seconds(long nanos) {
        return BurstFigure.fixed(BurstResult.seconds(nanos), 2) + " s";
    }
}

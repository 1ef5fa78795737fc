package io.configvault.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JMH micro-benchmarks as one figure: per benchmark and size, JMH's score (average time per
 * operation) with its 99.9 % error, and the throughput that time means where the operation
 * processes a number of bytes.
 */
final class JmhFigure {

    static final String ID = "jmh";
    private static final double MIB = 1024 * 1024;

    /**
     * One JMH result.
     *
     * @param benchmark the method, {@code SealingBenchmark.bundleAndSeal}
     * @param bytes     its {@code bytes} parameter, 0 when it has none
     * @param score     average time per operation
     * @param error     JMH's 99.9 % confidence half-width, NaN when it has none
     * @param unit      JMH's unit, e.g. {@code ms/op}
     */
    record Row(String benchmark, long bytes, double score, double error, String unit) {
    }

    private JmhFigure() {
    }

    static Figure of(List<Row> results, String settings) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Row r : results) {
            double mibPerSecond = mibPerSecond(r);
            rows.add(List.of(r.benchmark(), r.bytes() == 0 ? "" : BurstFigure.size(r.bytes()),
                    BurstFigure.fixed(r.score(), 3), Double.isNaN(r.error()) ? ""
                            : "± " + BurstFigure.fixed(r.error(), 3), r.unit(),
                    Double.isNaN(mibPerSecond) ? "" : BurstFigure.fixed(mibPerSecond, 1)));
            String key = r.benchmark() + (r.bytes() == 0 ? "" : "." + r.bytes());
            values.put(key + ".score", r.score());
            values.put(key + ".error", r.error());
            values.put(key + ".unit", r.unit());
            if (!Double.isNaN(mibPerSecond)) {
                values.put(key + ".mibPerSecond", mibPerSecond);
            }
        }
        List<String> notes = List.of("JMH 1.37 through its Runner API, " + settings + "; average"
                        + " time per operation, error the 99.9 % confidence half-width over the"
                        + " measurement iterations; MiB/s = the parameter's bytes over that time.",
                "Files on the bench's disk (page cache warm); random, incompressible content;"
                        + " keys made by the services' own OpenPGP code.");
        return new Figure(ID, "JMH micro-benchmarks: the hot spots", List.of("Benchmark",
                "Size", "Score", "Error", "Unit", "MiB/s"), rows, notes, values);
    }

    /** Bytes per second of an operation on {@code bytes}, in MiB/s; NaN without bytes. */
    static double mibPerSecond(Row r) {
        if (r.bytes() == 0 || !r.unit().endsWith("/op")) {
            return Double.NaN;
        }
        return r.bytes() / MIB / (r.score() * secondsPer(r.unit()));
    }

    private static double secondsPer(String unit) {
        return switch (unit.substring(0, unit.length() - "/op".length())) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            default -> throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot read JMH's unit '%s': expected s, ms, us or ns per op", unit));
        };
    }
}

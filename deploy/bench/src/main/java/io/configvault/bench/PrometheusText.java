package io.configvault.bench;

import java.util.OptionalDouble;

/**
 * Reads one sample out of the Prometheus text format a service serves ({@code GET
 * /prometheus}): {@code name{label="value",...} 1.5}. Enough for the bench to take the vault's
 * own measurement of a step (e.g. its ingest latency) instead of timing it from outside.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum over the samples of {@code name} that carry {@code label="value"}; empty when there
     * is none.
     */
    static OptionalDouble sum(String text, String name, String label, String value) {
        String wanted = label + "=\"" + value + "\"";
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name + "{")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String labels = line.substring(name.length() + 1, Math.max(close, name.length() + 1));
            if (close < 0 || !(("," + labels + ",").contains("," + wanted + ","))) {
                continue;
            }
            String sample = line.substring(close + 1).strip().split("\\s+")[0];
            sum += Double.parseDouble(sample);
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }
}

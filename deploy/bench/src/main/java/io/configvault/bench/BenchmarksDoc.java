package io.configvault.bench;

import java.util.List;

/**
 * {@code docs/benchmarks.md}: the figures of one run as the command produced them, with the
 * machine, the command and the date.
 */
final class BenchmarksDoc {

    private BenchmarksDoc() {
    }

    static String render(List<Figure> figures, Machine machine, String command, String date) {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmarks\n\n");
        out.append("Written by `deploy/bench/run` (module `deploy/bench`, Maven profile `bench`);"
                + " do not edit by hand: run the command again. Each part of the suite starts its"
                + " own single Kafka broker (KRaft) and S3 server (s3proxy 4.1.0, filesystem"
                + " backend) on this one machine, and within a figure every system is measured in"
                + " the same run on the same S3 server. The JSON of each figure is in"
                + " `deploy/bench/target/bench/<figure>.json`.\n\n");
        out.append("- Command: `").append(command).append("`\n");
        out.append("- Date: ").append(date).append('\n');
        out.append("- Machine: ").append(machine.describe()).append('\n');
        for (Figure figure : figures) {
            out.append("\n## ").append(figure.title()).append("\n\n");
            out.append(Tables.markdown(figure)).append('\n');
            for (String note : figure.notes()) {
                out.append("- ").append(note).append('\n');
            }
        }
        return out.toString();
    }
}

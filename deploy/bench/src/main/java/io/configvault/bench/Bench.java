package io.configvault.bench;

import java.util.List;

/**
 * One part of the suite: starts what it needs (its own stack, vault, agents) under its own work
 * directory, measures, and returns its figures. {@link BenchMain} runs the parts one after the
 * other, so no part measures while another loads the machine.
 */
interface Bench {

    /** Short name, lower-case letters and dashes; {@code BENCH_ONLY} selects parts by it. */
    String id();

    /** Measures; everything it started is stopped when it returns or throws. */
    List<Figure> run(BenchContext context) throws Exception;
}

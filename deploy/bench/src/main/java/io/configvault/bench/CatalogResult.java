package io.configvault.bench;

import java.util.List;

/**
 * What figure 5 measured.
 *
 * @param fleet         the catalog's shape
 * @param fillNanos     filling the catalog (schema, enrolments, rows), before the vault started
 * @param catalogBytes  the catalog file's size
 * @param startNanos    the vault's start on that catalog, until its API answered
 * @param lists         the timed listings, in table order
 * @param walkNanos     one walk of the whole fleet view in pages of 1,000
 * @param pass          the retention pass that deleted each appliance's oldest snapshot
 * @param steadyPass    a second pass right after it, with nothing left to delete
 * @param objectBytes   bytes of the objects the first pass deleted
 */
record CatalogResult(ScaleFleet fleet, long fillNanos, long catalogBytes, long startNanos,
                     List<Listing> lists, long walkNanos, Pass pass, Pass steadyPass,
                     long objectBytes) {

    /**
     * A listing timed through the API.
     *
     * @param name   what an operator asked for
     * @param path   the request, path and query
     * @param items  items on the page
     * @param micros each request's time
     */
    record Listing(String name, String path, int items, long[] micros) {
    }

    /**
     * A retention pass run through {@code POST /api/v1/retention/run}.
     *
     * @param nanos      the request's wall time
     * @param appliances appliances the pass planned
     * @param deleted    snapshots it deleted (rows purged, objects gone)
     */
    record Pass(long nanos, int appliances, int deleted) {
    }
}

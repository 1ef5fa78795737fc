package io.configvault.vault.retention;

/**
 * Which appliances this vault instance may prune: those whose snapshot events land on the
 * partitions of the snapshot topic it consumes now (ARCHITECTURE §11: partitions are the unit of
 * ownership, so two instances never prune the same appliance). The answer follows rebalances; an
 * instance that consumes nothing owns nothing. Implementations are thread-safe.
 */
public interface Ownership {

    /** Owns every appliance: a single instance without a broker (tools, tests). */
    Ownership ALL = new Ownership() {
        @Override
        public boolean owns(String applianceId) {
            return true;
        }

        @Override
        public boolean ownsAny() {
            return true;
        }

        @Override
        public String description() {
            return "every appliance";
        }
    };

    /** Whether the appliance's events land on a partition this instance consumes now. */
    boolean owns(String applianceId);

    /** Whether this instance consumes any partition now. */
    boolean ownsAny();

    /** What it owns, for logs and reports (e.g. "partitions 0, 2 of 3 of topic t"). */
    String description();
}

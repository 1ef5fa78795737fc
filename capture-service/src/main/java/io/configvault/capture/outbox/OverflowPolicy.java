package io.configvault.capture.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * What to drop when a new snapshot does not fit in the outbox's disk budget (the bus has been
 * unreachable for long). The rule, in order:
 * <ol>
 *   <li>damaged entries go first (they can never be published anyway), oldest first;</li>
 *   <li>then the middle of the backlog, oldest first: every entry but the oldest undelivered
 *   one, which holds the configuration as it was when the outage began (and may be half
 *   published right now);</li>
 *   <li>the newest snapshot — the one being added — is never dropped to make room. If it does not
 *   fit next to the oldest undelivered one even then, it is refused with an error that says so
 *   (the operator raises the budget); nothing is evicted in that case.</li>
 * </ol>
 * A pure function: no I/O, no state.
 */
public final class OverflowPolicy {

    /** The decision for one new snapshot. */
    public sealed interface Plan {
        /** Evict these (possibly none), then add. */
        record Fits(List<Outbox.Held> evict) implements Plan {
        }

        /** Even after every eviction the rule allows, the new snapshot would not fit. */
        record DoesNotFit(long neededBytes, long budgetBytes) implements Plan {
        }
    }

    private OverflowPolicy() {
    }

    public static Plan plan(List<Outbox.Held> held, long incomingBytes, long budgetBytes) {
        long used = held.stream().mapToLong(Outbox.Held::sealedBytes).sum();
        if (used + incomingBytes <= budgetBytes) {
            return new Plan.Fits(List.of());
        }
        List<Outbox.Held> candidates = new ArrayList<>();
        held.stream().filter(Outbox.Held::damaged).forEach(candidates::add);
        held.stream().filter(h -> !h.damaged()).skip(1).forEach(candidates::add);
        List<Outbox.Held> evict = new ArrayList<>();
        for (Outbox.Held candidate : candidates) {
            if (used + incomingBytes <= budgetBytes) {
                break;
            }
            evict.add(candidate);
            used -= candidate.sealedBytes();
        }
        if (used + incomingBytes > budgetBytes) {
            return new Plan.DoesNotFit(used + incomingBytes, budgetBytes);
        }
        return new Plan.Fits(List.copyOf(evict));
    }
}

package io.configvault.vault.retention;

import java.util.BitSet;

/**
 * Which rule slots ({@link RuleWalk#SLOTS}) keep which snapshots of a {@link Timeline}, for one
 * run of the rules. Only kept snapshots hold a bit set.
 */
final class Keeps {

    private final BitSet[] slots;

    Keeps(int snapshots) {
        this.slots = new BitSet[snapshots];
    }

    void keep(int position, int slot) {
        BitSet kept = slots[position];
        if (kept == null) {
            kept = new BitSet(RuleWalk.SLOTS);
            slots[position] = kept;
        }
        kept.set(slot);
    }

    /** The slots keeping the snapshot, or null when none does. */
    BitSet slots(int position) {
        return slots[position];
    }
}

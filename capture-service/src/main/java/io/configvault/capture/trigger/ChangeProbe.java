package io.configvault.capture.trigger;

/**
 * Detects that one source changed. Polled from a single thread; not thread-safe.
 *
 * <p>Contract: the first call records the current state and returns false; each later call
 * returns true when the source changed since the previous call. Reads by the agent itself (a
 * snapshot's copy) never count as a change. A source that cannot be checked (missing, locked)
 * throws {@link java.io.IOException}; the next call tries again, and a source that appears or
 * disappears counts as a change.
 */
public interface ChangeProbe extends AutoCloseable {

    /** The entry name of the watched source, for messages. */
    String name();

    boolean changed() throws java.io.IOException;

    @Override
    void close();
}

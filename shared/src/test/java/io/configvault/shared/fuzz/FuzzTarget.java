package io.configvault.shared.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A parser under fuzzing and what it promises: accept, or refuse with its declared exception,
 * within a memory and time budget. {@link FuzzCampaign} drives it.
 *
 * @param <T> the parser's input: bytes, or a structure such as a Kafka record
 */
public interface FuzzTarget<T> {

    /** Directory name of its regression corpus and crash files, e.g. {@code manifest}. */
    String name();

    /** Valid inputs the mutations start from. */
    List<T> seeds() throws Exception;

    /** One structure-aware change; may return an equal input. */
    T mutate(T input, SplittableRandom random);

    /** The input as a file of the regression corpus. */
    byte[] toBytes(T input);

    /** Reads a corpus file back; may throw for a file that is not such an input at all. */
    T fromBytes(byte[] bytes);

    /**
     * Runs the parser. Returns when it accepts (after checking what an accepted input promises),
     * throws when it refuses.
     */
    void parse(T input) throws Exception;

    /** The only exception {@link #parse} may refuse with. */
    Class<? extends Exception> declared();

    /** Checks a refusal's message, e.g. its prefix; throws AssertionError when it is wrong. */
    default void checkRefusal(Exception refusal) {
    }

    /** Bytes the parser may allocate for this input (all allocations, also short-lived ones). */
    long allocationBudget(T input);

    /**
     * Checks that a refusal reads as the parser documents it and is safe to log or put in a
     * quarantine header: it starts with one of {@code prefixes}, is short, and has no control
     * characters or line breaks (untrusted input appears only through
     * {@code Identifiers.printable}).
     */
    static void requireSafeMessage(Exception refusal, String... prefixes) {
        String message = refusal.getMessage();
        if (message == null || java.util.Arrays.stream(prefixes).noneMatch(message::startsWith)) {
            throw new AssertionError("message does not start with one of "
                    + java.util.Arrays.toString(prefixes) + ": " + message);
        }
        if (message.length() > 400) {
            throw new AssertionError("message of " + message.length() + " characters: "
                    + message.substring(0, 200) + "...");
        }
        if (message.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028'
                || c == '\u2029')) {
            throw new AssertionError("message with a control character: "
                    + message.replaceAll("[\\p{Cntrl}\\u0080-\\u009f\\u2028\\u2029]", "?"));
        }
    }
}

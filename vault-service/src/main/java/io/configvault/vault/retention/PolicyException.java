package io.configvault.vault.retention;

/**
 * A policy document that is not valid. The message names the rule at fault ({@code rule}: a JSON
 * path such as {@code keep-daily} or {@code triggers.MANUAL.keep-within}) and what is accepted;
 * it never echoes the offending value (an unknown rule or trigger name is quoted, at most 64
 * characters, control characters replaced).
 */
public final class PolicyException extends Exception {

    private final String rule;

    public PolicyException(String rule, String problem) {
        super(rule + ": " + problem);
        this.rule = rule;
    }

    /** The JSON path of the rule at fault ({@code (document)} for the document as a whole). */
    public String rule() {
        return rule;
    }
}

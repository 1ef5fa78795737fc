package io.configvault.vault.kafka;

import java.util.List;

/**
 * What the topic set-up at startup did: the topics it created and its warnings about settings
 * that weaken durability (also logged at WARN).
 */
public record TopicReport(List<String> created, List<String> warnings) {

    public TopicReport {
        created = List.copyOf(created);
        warnings = List.copyOf(warnings);
    }
}

package io.configvault.shared.bundle;

import java.util.Locale;

/** Where an entry came from on the appliance. Written in lower case in the manifest. */
public enum SourceKind {
    SQLITE, FILE, DIRECTORY, COMMAND;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SourceKind fromWire(String value) throws BundleFormatException {
        for (SourceKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        throw new BundleFormatException("unknown source kind " + value);
    }
}

package io.configvault.shared.bundle;

import io.configvault.shared.snapshot.Identifiers;
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
        throw new BundleFormatException("manifest entry names an unknown source kind "
                + Identifiers.printable(value));
    }
}

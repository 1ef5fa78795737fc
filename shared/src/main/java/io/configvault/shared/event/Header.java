package io.configvault.shared.event;

import java.nio.charset.StandardCharsets;

/** One record header: a name and its raw value. */
public record Header(String name, byte[] value) {

    public static Header of(String name, String value) {
        return new Header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }
}

package io.configvault.capture.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * One configured source, an element of the list {@code capture.sources}. Checked by
 * {@code capture.source.ConfiguredSources}, which knows the source kinds.
 *
 * @param index     the position in the list (from the bean's name)
 * @param name      {@code capture.sources[i].name}, required: the entry's name in the bundle,
 *                  e.g. {@code config.db}
 * @param kind      {@code capture.sources[i].kind}, required: {@code sqlite} or {@code file}
 * @param path      {@code capture.sources[i].path}, required: the file on the appliance
 * @param sensitive {@code capture.sources[i].sensitive}, default false: whether the content is
 *                  secret (keys, password hashes); recorded in the manifest
 */
@EachProperty(value = "capture.sources", list = true)
public record SourceProperties(@Parameter String index,
                               @Nullable String name,
                               @Nullable String kind,
                               @Nullable String path,
                               @Bindable(defaultValue = "false") boolean sensitive) {

    /** The setting name of one of this source's fields, for messages. */
    public String setting(String field) {
        return "capture.sources[" + index + "]." + field;
    }
}

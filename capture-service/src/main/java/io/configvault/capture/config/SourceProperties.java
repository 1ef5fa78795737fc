package io.configvault.capture.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One configured source, an element of the list {@code capture.sources}. Checked by
 * {@code capture.source.ConfiguredSources}, which knows the source kinds and which settings
 * each kind takes.
 *
 * @param index            the position in the list (from the bean's name)
 * @param name             {@code capture.sources[i].name}, required: the entry's name in the
 *                         bundle, e.g. {@code config.db}; a directory's files are named
 *                         {@code name/relative/path}
 * @param kind             {@code capture.sources[i].kind}, required: {@code sqlite},
 *                         {@code file}, {@code directory} or {@code command}
 * @param path             {@code capture.sources[i].path}, required except for commands: the
 *                         file or directory on the appliance
 * @param sensitive        {@code capture.sources[i].sensitive}, default false: whether the
 *                         content is secret (keys, password hashes); recorded in the manifest
 * @param required         {@code capture.sources[i].required}, default false: whether a restore
 *                         needs it; when it is missing or disabled the snapshot is still taken,
 *                         marked not restorable with the reason
 * @param enabled          {@code capture.sources[i].enabled}, default true: false leaves the
 *                         source out (a required one then makes every snapshot not restorable)
 * @param description      {@code capture.sources[i].description}, default none: what it is, quoted
 *                         in the not-restorable reason
 * @param include          {@code capture.sources[i].include}, directories only, default all
 *                         files: globs relative to the directory selecting the files to capture
 * @param exclude          {@code capture.sources[i].exclude}, directories only, default none:
 *                         globs of files and directories to leave out
 * @param command          {@code capture.sources[i].command}, commands only, required there:
 *                         program and arguments (no shell)
 * @param timeout          {@code capture.sources[i].timeout}, commands only, default 5m
 * @param environment      {@code capture.sources[i].environment}, commands only, default none:
 *                         {@code NAME=value} variables for the command (it does not inherit
 *                         the agent's); a list, not a map, so that names keep their case when
 *                         given as flat properties
 * @param workingDirectory {@code capture.sources[i].working-directory}, commands only, default
 *                         the agent's working directory
 */
@EachProperty(value = "capture.sources", list = true)
public record SourceProperties(@Parameter String index,
                               @Nullable String name,
                               @Nullable String kind,
                               @Nullable String path,
                               @Bindable(defaultValue = "false") boolean sensitive,
                               @Bindable(defaultValue = "false") boolean required,
                               @Bindable(defaultValue = "true") boolean enabled,
                               @Nullable String description,
                               @Nullable List<String> include,
                               @Nullable List<String> exclude,
                               @Nullable List<String> command,
                               @Bindable(defaultValue = "5m") Duration timeout,
                               @Nullable List<String> environment,
                               @Nullable String workingDirectory) {

    /** The default of {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public SourceProperties {
        // Copies that keep null elements: ConfiguredSources reports them with the setting name.
        include = copy(include);
        exclude = copy(exclude);
        command = copy(command);
        environment = copy(environment);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** A source with only the settings every kind has; the others at their defaults. */
    public static SourceProperties of(String index, String name, String kind, String path,
                                      boolean sensitive) {
        return new SourceProperties(index, name, kind, path, sensitive, false, true, null,
                null, null, null, DEFAULT_TIMEOUT, null, null);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** The setting name of one of this source's fields, for messages. */
    public String setting(String field) {
        return "capture.sources[" + index + "]." + field;
    }
}

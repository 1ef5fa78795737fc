package io.configvault.capture.trigger;

import io.configvault.capture.source.SourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A file's identity (inode), size and modification time. Reading a file changes none of them,
 * so the agent's own copies are not seen as changes.
 */
final class FileChangeProbe implements ChangeProbe {

    private record State(Object fileKey, long size, long modifiedNanos) {
        static final State ABSENT = new State(null, -1, -1);
    }

    private final SourceSpec spec;
    private State last;

    FileChangeProbe(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public boolean changed() throws IOException {
        State now = read();
        boolean changed = last != null && !now.equals(last);
        last = now;
        return changed;
    }

    private State read() throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(spec.path(),
                    BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new State(Objects.requireNonNullElse(attributes.fileKey(), "none"),
                    attributes.size(),
                    attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (NoSuchFileException e) {
            return State.ABSENT;
        }
    }

    @Override
    public void close() {
    }
}

package io.configvault.capture.source;

import java.nio.file.Path;
import java.util.List;

/**
 * A required source that the configuration switched off ({@code enabled: false}). It stages
 * nothing and reports itself missing, so every snapshot says it is not restorable and why.
 * (A disabled source that is not required is simply left out.)
 */
public final class DisabledSource implements SnapshotSource {

    private final SourceSpec spec;
    private final String setting;

    /**
     * @param setting the setting that disabled it, e.g. {@code capture.sources[1].enabled}
     */
    public DisabledSource(SourceSpec spec, String setting) {
        this.spec = spec;
        this.setting = setting;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public List<StagedEntry> stageEntries(Path dir, long maxBytes) throws SourceException {
        throw SourceException.missing(spec, "it is disabled by " + setting);
    }
}

package io.configvault.capture.snapshot;

/** The agent's version as the manifest records it. */
final class AgentVersion {

    private AgentVersion() {
    }

    /** The jar's Implementation-Version, or "dev" when running from classes. */
    static String current() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}

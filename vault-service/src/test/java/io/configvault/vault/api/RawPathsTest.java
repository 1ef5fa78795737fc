package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/snapshots/01a2/content", "/api/v1/appliances/nas-1",
            "/api/v1/retention-policies/fleet:lab", "/api/v1/retention-policies/fleet%3Alab",
            "/api/v1/snapshots/x/entries/etc/app%20config/a.b..c", "/api/v1/tokens/"})
    void ordinaryPathsPass(String path) {
        assertThat(RawPaths.problem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/snapshots/../tokens", "/api/v1/snapshots/./x",
            "/api/v1/snapshots/%2e%2e/x", "/api/v1/snapshots/%2E%2E/x"})
    void dotSegmentsAreRefused(String path) {
        assertThat(RawPaths.problem(path)).isEqualTo("it holds a '.' or '..' segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/appliances/a%2fb", "/api/v1/appliances/a%2Fb",
            "/api/v1/appliances/a%5cb", "/api/v1/snapshots/%2e%2e%2fetc"})
    void encodedSeparatorsAreRefused(String path) {
        assertThat(RawPaths.problem(path)).isEqualTo("it holds an encoded path separator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/snapshots/%252e%252e%252f", "/api/v1/appliances/a%2500"})
    void doubleEncodingIsRefused(String path) {
        assertThat(RawPaths.problem(path)).isEqualTo("it is encoded twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/appliances/a%00", "/api/v1/appliances/a%0a",
            "/api/v1/appliances/a%7f"})
    void controlCharactersAreRefused(String path) {
        assertThat(RawPaths.problem(path)).isEqualTo("it holds a NUL or control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/appliances/a%", "/api/v1/appliances/a%2",
            "/api/v1/appliances/a%zz", "/api/v1/appliances/a%ff%fe"})
    void brokenEscapesAreRefused(String path) {
        assertThat(RawPaths.problem(path))
                .isEqualTo("a segment is not valid percent-encoded UTF-8");
    }

    @org.junit.jupiter.api.Test
    void overLongIdsAndPathsAndBackslashesAreRefused() {
        assertThat(RawPaths.problem("/api/v1/appliances/" + "a".repeat(128))).isNull();
        assertThat(RawPaths.problem("/api/v1/appliances/" + "a".repeat(129)))
                .isEqualTo("an id is longer than 128 characters");
        assertThat(RawPaths.problem("/api" + "/abc".repeat(600)))
                .isEqualTo("it is longer than 2048 characters");
        assertThat(RawPaths.problem("/api/v1/a\\b")).isEqualTo("it holds a backslash");
        assertThat(RawPaths.problem(null)).isEqualTo("it is missing");
    }
}

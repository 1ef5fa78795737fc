package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookTest {

    @TempDir
    Path dir;

    @Test
    void runsTheCommandWithoutAShellAndWithTheRestoreEnvironment() throws Exception {
        Path out = dir.resolve("out.txt");
        Hook hook = new Hook("pre-hook", List.of("sh", "-c",
                "printf '%s %s' \"$CONFIGVAULT_SNAPSHOT_ID\" \"$1\" > \"$0\"", out.toString(),
                "two words; not split"), Duration.ofSeconds(20));

        hook.run(Map.of("CONFIGVAULT_SNAPSHOT_ID", "0193"));

        assertThat(out).hasContent("0193 two words; not split");
    }

    @Test
    void aNonZeroExitIsAFailureNamingTheStatus() {
        Hook hook = new Hook("pre-hook", List.of("sh", "-c", "exit 3"), Duration.ofSeconds(20));

        assertThatThrownBy(() -> hook.run(Map.of()))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ABORTED))
                .hasMessage("the pre-hook exited with status 3");
    }

    @Test
    void aHookThatHangsIsKilledWithItsChildrenAfterTheTimeout() throws Exception {
        Path pid = dir.resolve("child.pid");
        Hook hook = new Hook("post-hook", List.of("sh", "-c",
                "sleep 60 & echo $! > \"$0\"; wait", pid.toString()), Duration.ofMillis(1500));

        long started = System.nanoTime();
        assertThatThrownBy(() -> hook.run(Map.of()))
                .hasMessage("the post-hook did not finish within 1.5s and was killed");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(
                Duration.ofSeconds(15));
        long child = Long.parseLong(Files.readString(pid).strip());
        // SIGKILL is delivered asynchronously; the orphaned child is then reaped by init.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
                        .as("the hook's child process").isFalse());
    }

    @Test
    void aProgramThatDoesNotExistCannotBeStarted() {
        Hook hook = new Hook("pre-hook", List.of(dir.resolve("no-such-program").toString()),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> hook.run(Map.of()))
                .hasMessage("the pre-hook cannot be started (IOException)");
    }

    @Test
    void noCommandConfiguredIsNoHook() throws Exception {
        Hook hook = new Hook("pre-hook", List.of(), Duration.ofSeconds(5));

        assertThat(hook.configured()).isFalse();
        hook.run(Map.of());
    }
}

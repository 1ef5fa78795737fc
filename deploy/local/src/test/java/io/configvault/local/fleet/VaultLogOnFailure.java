package io.configvault.local.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the tail of the vault's log when a fleet test fails: the log lives in the test's
 * temporary directory, which is gone by the time anyone reads a CI report. The vault logs no
 * secret, so its lines may go to the build output.
 */
final class VaultLogOnFailure implements TestWatcher {

    private static final int LINES = 120;

    private final Supplier<FleetFixture> fleet;

    VaultLogOnFailure(Supplier<FleetFixture> fleet) {
        this.fleet = fleet;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        FleetFixture fixture = fleet.get();
        if (fixture == null) {
            return;
        }
        Path log = fixture.vaultLog();
        try {
            List<String> lines = Files.readAllLines(log);
            System.out.println("---- last " + LINES + " lines of " + log + " after "
                    + context.getDisplayName() + " failed ----");
            lines.subList(Math.max(0, lines.size() - LINES), lines.size())
                    .forEach(System.out::println);
            System.out.println("---- end of the vault log ----");
        } catch (IOException e) {
            System.out.println("Cannot read the vault log " + log + ": " + e);
        }
    }
}

package io.configvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the processors did over a stretch of time: the machine's busy share (from {@code
 * /proc/stat}) and one process's CPU time (from the JDK's view of it), so that a figure can say
 * whether the machine, rather than waiting, bounded it.
 *
 * @param machineBusyTicks  ticks all processors spent not idle (nor waiting for I/O)
 * @param machineTotalTicks ticks all processors spent in all
 * @param processCpuNanos   CPU time of the watched process (all its threads)
 */
record CpuUse(long machineBusyTicks, long machineTotalTicks, long processCpuNanos) {

    /** A reading now, for {@link #since}. */
    static CpuUse now(long pid) throws IOException {
        long[] ticks = parseStat(Files.readString(Path.of("/proc/stat")));
        long cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .map(java.time.Duration::toNanos).orElse(0L);
        return new CpuUse(ticks[0], ticks[1], cpu);
    }

    /** The stretch from {@code start} to this reading. */
    CpuUse since(CpuUse start) {
        return new CpuUse(machineBusyTicks - start.machineBusyTicks,
                machineTotalTicks - start.machineTotalTicks,
                processCpuNanos - start.processCpuNanos);
    }

    /** The machine's busy share, 0 to 1. */
    double machineBusy() {
        return machineTotalTicks == 0 ? 0 : (double) machineBusyTicks / machineTotalTicks;
    }

    /**
     * Busy and total ticks from the {@code cpu} line of a {@code /proc/stat} text: user nice
     * system idle iowait irq softirq steal …; idle and iowait are not busy, guest time is
     * already in user.
     */
    static long[] parseStat(String stat) {
        for (String line : stat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                return new long[] {total - idle, total};
            }
        }
        throw new IllegalArgumentException("/proc/stat has no aggregate cpu line");
    }
}

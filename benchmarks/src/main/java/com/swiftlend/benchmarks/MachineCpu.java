package com.swiftlend.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU the whole machine spent, from Linux's {@code /proc/stat}: every process counts, the system
 * under test, its database, Redis, the simulators and this generator alike. On a machine where
 * they all share the cores, CPU per settled item is what bounds throughput, and the ratio of two
 * systems' CPU per item is the ceiling of their throughput ratio.
 *
 * @param busyTicks user, nice, system, irq and softirq time, in clock ticks (not idle, iowait or steal)
 * @param allTicks every tick of every core
 */
record MachineCpu(long busyTicks, long allTicks) {

    /** Linux's USER_HZ; /proc/stat counts in it on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Path STAT = Path.of("/proc/stat");

    /** Now, or null where there is no /proc/stat (the report then leaves the line out). */
    static MachineCpu now() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq;
            return new MachineCpu(busy, busy + idle + iowait + steal);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What was spent from {@code start} to this reading. */
    MachineCpu since(MachineCpu start) {
        return new MachineCpu(busyTicks - start.busyTicks, allTicks - start.allTicks);
    }

    double busyMillis() {
        return busyTicks * 1000 / TICKS_PER_SECOND;
    }

    double busyShare() {
        return allTicks == 0 ? 0 : (double) busyTicks / allTicks;
    }

    /** CPU milliseconds per item, for ratios; NaN when nothing settled. */
    double millisPer(int items) {
        return items == 0 ? Double.NaN : busyMillis() / items;
    }

    String describe(int items, String item) {
        return String.format(Locale.ROOT, "machine CPU (all processes, /proc/stat): %.1f ms per %s, cores %.0f%% busy",
                millisPer(items), item, 100 * busyShare());
    }
}

package io.offheap.samples;

import java.nio.file.Path;

/** The unified GC log a sample writes beside its dump, with the heap printouts that map addresses to generations. */
public final class GcLog {

    /** File name of the log inside a sample's output directory. */
    public static final String FILE = "gc.log";

    private GcLog() {
    }

    /**
     * The -Xlog option for {@code outDir}/gc.log: every gc tag at info, plus gc+heap=debug for the
     * "Heap before/after GC" printouts with generation address ranges (DOMAIN.md 6.3).
     */
    public static String option(Path outDir) {
        return "-Xlog:gc*,gc+heap=debug:file=" + outDir.resolve(FILE) + ":time,uptime,level,tags";
    }
}

package io.offheap.gclog;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One collection, pause or concurrent cycle. Sizes are bytes, -1 when the log does not say.
 *
 * @param uptimeSeconds   JVM uptime when the event started (NaN when the log carries only wall-clock stamps)
 * @param wallClock       wall-clock time of the event, or null
 * @param cause           the cause as printed ({@code System.gc()}, {@code Allocation Failure} ...), or null
 * @param durationSeconds pause length for stop-the-world events, elapsed time for concurrent cycles; NaN if unknown
 * @param line            1-based line in {@code file} where the event starts, 0 if it could not be located
 */
public record GcEvent(double uptimeSeconds, Instant wallClock, Kind kind, String cause, double durationSeconds,
                      long heapBeforeBytes, long heapAfterBytes, long heapCapacityBytes,
                      long oldBeforeBytes, long oldAfterBytes, long oldCapacityBytes,
                      Path file, long line) {

    public enum Kind {
        /** Young-only pause (G1 young pauses that start a concurrent cycle included). */
        YOUNG,
        /** G1 mixed pause: young plus some old regions. */
        MIXED,
        /** Stop-the-world collection of the whole heap, including CMS concurrent-mode and promotion failures. */
        FULL,
        /** A concurrent marking cycle (CMS, G1, Shenandoah) or a ZGC whole-heap collection; starts at its mark. */
        CONCURRENT_CYCLE,
        /** CMS initial mark, Shenandoah init mark, JDK 9/10 G1 {@code Pause Initial Mark} (a young pause starting a cycle). */
        INITIAL_MARK,
        /** CMS/G1 remark, Shenandoah final mark: where references of the old generation are processed. */
        REMARK,
        /** G1 cleanup pause. */
        CLEANUP,
        /** Any other pause (Shenandoah update-refs and degenerated pauses, ZGC pauses). */
        OTHER;

        /**
         * Whether this kind of event discovers and processes references held in the old generation, so
         * that unreachable old buffers' cleaners can run (DOMAIN.md 3.5: discovery happens only for the
         * generation being collected).
         */
        public boolean collectsOld() {
            return this == FULL || this == MIXED || this == REMARK || this == CONCURRENT_CYCLE;
        }
    }

    /** Whether the log gives {@code System.gc()} as the cause (JDK 5-7 logs print it as {@code System}). */
    public boolean isExplicit() {
        return cause != null && cause.contains("System.gc()");
    }
}

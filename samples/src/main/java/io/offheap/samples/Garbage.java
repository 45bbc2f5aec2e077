package io.offheap.samples;

import java.time.Duration;
import java.time.Instant;

/** Short-lived heap garbage that fills eden, to make young collections happen on demand. */
final class Garbage {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Published so that escape analysis cannot remove the allocations. */
    @SuppressWarnings("unused")
    private static volatile byte[] sink;

    private Garbage() {
    }

    /** Allocates garbage until {@code collections} more Parallel young collections have run. */
    static void untilYoungCollections(int collections) {
        long target = GcCounts.of(GcCounts.PS_SCAVENGE) + collections;
        Instant deadline = Instant.now().plus(PATIENCE);
        while (GcCounts.of(GcCounts.PS_SCAVENGE) < target) {
            for (int i = 0; i < 64; i++) {
                sink = new byte[16 * 1024];
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no young collection within " + PATIENCE);
            }
        }
        sink = null;
    }
}

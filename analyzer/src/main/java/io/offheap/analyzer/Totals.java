package io.offheap.analyzer;

/**
 * Census totals. Byte figures count owners only, by reserved size, never views (DESIGN.md). The
 * pending cleaner figures are Cleaners the GC already cleared (JDK 9+) whose buffer object is gone
 * from the dump: their memory is still reserved until the Reference Handler runs them.
 */
public record Totals(int buffers, int owners, int views, int unowned, int mapped,
                     int liveOwners, int awaitingGcOwners, int freedOwners,
                     long liveBytes, long awaitingGcBytes, long freedBytes, long unownedBytes, long mappedBytes,
                     int pendingCleaners, long pendingCleanerBytes) {

    /** What the census says owners hold against the limit, to compare with {@code java.nio.Bits}' reserved memory. */
    public long censusReservedBytes() {
        return liveBytes + awaitingGcBytes + pendingCleanerBytes;
    }
}

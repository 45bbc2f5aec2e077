package io.offheap.analyzer;

/**
 * One collection on the GC timeline, for charts: when (uptime seconds), what kind ({@code young},
 * {@code full}, {@code concurrent}, ...), why, and heap and old-generation occupancy after it in bytes
 * (-1 where the log does not say).
 */
public record GcPoint(double uptime, String kind, String cause, double pauseSeconds, long heapAfter, long heapCapacity,
                      long oldAfter, long oldCapacity) {
}

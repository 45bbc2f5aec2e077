package io.offheap.analyzer;

/**
 * The JDK's own direct-memory counters as the dump holds them (DOMAIN.md 3): {@code java.nio.Bits}
 * reserved memory, total capacity and count, and the limit from {@code VM.directMemory}. Each is null
 * when the dump does not hold it (Bits never initialised, or a JDK without the counter).
 */
public record Accounting(Long reservedMemory, Long totalCapacity, Long count, Long maxDirectMemory) {

    static final Accounting NONE = new Accounting(null, null, null, null);
}

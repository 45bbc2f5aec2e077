package io.offheap.gclog;

/**
 * One generation or space of a heap printout, with its name as printed ({@code PSYoungGen},
 * {@code eden space}, {@code ParOldGen}, {@code tenured generation}, {@code garbage-first heap} ...).
 * For a generation line the range is the reserved one, {@code [low_boundary, high_boundary)}; for a
 * space line it is {@code [bottom, end)} and {@code usedBytes} is exactly {@code top - bottom}
 * (DOMAIN.md 6.3).
 *
 * @param start first address (inclusive)
 * @param end   end address (exclusive)
 */
public record Space(String name, Generation generation, long start, long end, long usedBytes) {

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}

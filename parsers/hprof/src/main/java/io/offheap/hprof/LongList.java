package io.offheap.hprof;

import java.util.Arrays;

/** A growable long[]: one primitive slot per element, no boxing (the graph holds millions). */
final class LongList {
    private long[] values;
    private int size;

    LongList(int initialCapacity) {
        values = new long[Math.max(16, initialCapacity)];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, grow(values.length));
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** The backing array itself, without copying; entries from {@link #size()} on are unused. */
    long[] backing() {
        return values;
    }

    long[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }

    /** The next capacity: half as much again, at most the largest array the JVM allocates. */
    static int grow(int length) {
        int max = Integer.MAX_VALUE - 16;
        if (length >= max) {
            throw new GraphLimit(String.format("more than %,d objects or references", max));
        }
        return (int) Math.min(max, (long) length + (length >> 1) + 16);
    }
}

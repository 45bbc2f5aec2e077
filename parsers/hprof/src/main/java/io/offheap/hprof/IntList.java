package io.offheap.hprof;

import java.util.Arrays;

/** A growable int[]; see {@link LongList}. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int initialCapacity) {
        values = new int[Math.max(16, initialCapacity)];
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, LongList.grow(values.length));
        }
        values[size++] = v;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** The backing array itself, without copying; entries from {@link #size()} on are unused. */
    int[] backing() {
        return values;
    }

    int[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }
}

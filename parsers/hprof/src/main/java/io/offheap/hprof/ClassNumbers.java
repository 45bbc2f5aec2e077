package io.offheap.hprof;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Class id to class number, looked up once per object record while the dump streams by. Open addressing
 * on primitive arrays: a boxed {@code HashMap<Long, Integer>} spent a twentieth of the whole read in
 * {@code Long.equals} on a large dump (bench/profile.sh).
 */
final class ClassNumbers {
    private static final int ABSENT = -1;

    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;
    /** A random odd multiplier per map, so that a crafted dump cannot choose class ids that all collide. */
    private final long multiplier = ThreadLocalRandom.current().nextLong() | 1;

    ClassNumbers() {
        Arrays.fill(values, ABSENT);
    }

    /** The class number of this id, or -1. */
    int get(long id) {
        int mask = keys.length - 1;
        for (int s = slot(id, mask); values[s] != ABSENT; s = (s + 1) & mask) {
            if (keys[s] == id) {
                return values[s];
            }
        }
        return ABSENT;
    }

    void put(long id, int number) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int s = slot(id, mask);
        while (values[s] != ABSENT && keys[s] != id) {
            s = (s + 1) & mask;
        }
        if (values[s] == ABSENT) {
            size++;
        }
        keys[s] = id;
        values[s] = number;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, ABSENT);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Multiply-shift hashing: the top bits of the product, as many as the table needs. */
    private int slot(long id, int mask) {
        return (int) ((id * multiplier) >>> (64 - Integer.bitCount(mask)));
    }
}

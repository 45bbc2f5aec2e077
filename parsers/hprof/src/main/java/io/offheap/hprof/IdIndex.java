package io.offheap.hprof;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Object identifier (address) to object index. An open-addressing table that stores only the index;
 * the key is compared through the ids array itself, so the map costs 4 bytes per slot (about 8 per
 * object at load 1/2) instead of a boxed map's 60+ (DESIGN.md: graph in primitive arrays).
 */
final class IdIndex {
    private final long[] ids;
    private final int[] slots;
    private final int mask;
    private final int shift;
    /**
     * Multiply-shift hashing (the top bits of id * multiplier) with a random odd multiplier per index. The
     * ids are whatever the file says: with a fixed multiplier a crafted dump could give every object the
     * same slot and make building this table quadratic.
     */
    private final long multiplier = ThreadLocalRandom.current().nextLong() | 1;

    IdIndex(long[] ids, int count) {
        this.ids = ids;
        int capacity = Integer.highestOneBit(Math.max(4, count) * 2 - 1) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
        Arrays.fill(slots, -1);
        for (int i = 0; i < count; i++) {
            int s = slot(ids[i]);
            while (slots[s] >= 0) {
                if (ids[slots[s]] == ids[i]) {
                    break; // duplicate id: the first record wins
                }
                s = (s + 1) & mask;
            }
            if (slots[s] < 0) {
                slots[s] = i;
            }
        }
    }

    /** The index of the object with this id, or -1 if the dump holds none. */
    int indexOf(long id) {
        int s = slot(id);
        int i;
        while ((i = slots[s]) >= 0) {
            if (ids[i] == id) {
                return i;
            }
            s = (s + 1) & mask;
        }
        return -1;
    }

    private int slot(long id) {
        return (int) ((id * multiplier) >>> shift);
    }
}

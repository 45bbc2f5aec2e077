package io.offheap.hprof;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sorting ids into object order and looking them up, against the JDK's sort and a linear search. */
class IdOrderTest {
    @Test
    void sortedInputNeedsNoPermutation() {
        long[] ids = {8, 16, 16, 24};
        assertNull(IdOrder.sort(ids, ids.length));
    }

    @Test
    void runsOfEveryShapeSortStablyAndFindTheFirstOfEqualIds() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(round < 200 ? 50 : 5000);
            long[] ids = new long[n];
            int shape = round % 4;
            for (int i = 0; i < n; i++) {
                ids[i] = switch (shape) {
                    case 0 -> random.nextLong(); // hostile: no order at all, negative ids too
                    case 1 -> 8L * random.nextInt(n); // many duplicates
                    case 2 -> i < n / 10 ? 0x7000_0000L + 8L * random.nextInt(1000) : 8L * (i % (n / 3 + 1)) ; // mirrors, then runs
                    default -> i == n - 1 ? Long.MAX_VALUE : 16L * i; // one id far from the rest
                };
            }
            long[] original = ids.clone();
            long[] expected = ids.clone();
            Arrays.sort(expected);
            int[] from = IdOrder.sort(ids, n);
            assertArrayEquals(expected, ids, "round " + round);
            for (int k = 0; k < n; k++) {
                int old = from == null ? k : from[k];
                assertEquals(original[old], ids[k], "round " + round);
                assertTrue(k == 0 || ids[k - 1] != ids[k] || (from == null || from[k - 1] < from[k]), "stable, round " + round);
            }
            IdIndex index = new IdIndex(ids, n);
            for (int probe = 0; probe < 200; probe++) {
                long id = probe % 2 == 0 ? original[random.nextInt(n)] : random.nextLong();
                int expectedIndex = -1;
                for (int k = 0; k < n && expectedIndex < 0; k++) {
                    if (ids[k] == id) {
                        expectedIndex = k;
                    }
                }
                assertEquals(expectedIndex, index.indexOf(id), "round " + round + ", id " + id);
            }
        }
    }
}

package io.offheap.hprof;

/**
 * Puts the objects in identifier (address) order, so that object number and id rise together and
 * {@link IdIndex} needs no hash table. HotSpot writes the class mirrors first, in loading order, then
 * walks the heap space by space and region by region: a dump is hundreds of tiny runs and a few long
 * ascending ones. A natural merge sort that merges runs of similar length first, as TimSort does, costs
 * about one pass over the long runs for such a dump, a single pass for one already in order, and
 * n log n for the worst a file can hold. Stable, so of two objects with one id the one earlier in the file
 * stays first, and it is the one lookups find.
 */
final class IdOrder {
    private final long[] keys;
    private final int[] from;
    private long[] spareKeys = new long[0];
    private int[] spareFrom = new int[0];

    private IdOrder(long[] keys, int[] from) {
        this.keys = keys;
        this.from = from;
    }

    /**
     * Sorts {@code ids[0..n)} in place and returns the old position of each object in its new place, or null
     * if the ids were already in order.
     */
    static int[] sort(long[] ids, int n) {
        int runs = 1;
        for (int i = 1; i < n; i++) {
            if (ids[i] < ids[i - 1]) {
                runs++;
            }
        }
        if (runs == 1 || n == 0) {
            return null;
        }
        int[] from = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = i;
        }
        new IdOrder(ids, from).mergeRuns(n, runs);
        return from;
    }

    /**
     * TimSort's merge pattern: runs wait on a stack whose lengths shrink at least as fast as the Fibonacci
     * numbers from the bottom up, so each element takes part in a logarithmic number of merges of balanced
     * runs, and far fewer when most of the elements sit in a few long runs.
     */
    private void mergeRuns(int n, int runs) {
        // The invariant keeps the stack as deep as a Fibonacci sequence up to n: under 50 runs for any int n.
        int[] start = new int[Math.min(runs, 64) + 1];
        int[] length = new int[Math.min(runs, 64) + 1];
        int size = 0;
        int runStart = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || keys[i] < keys[i - 1]) {
                start[size] = runStart;
                length[size++] = i - runStart;
                runStart = i;
                size = collapse(start, length, size, false);
            }
        }
        collapse(start, length, size, true);
    }

    private int collapse(int[] start, int[] length, int size, boolean all) {
        while (size > 1) {
            int k = size - 2;
            boolean unbalanced = k > 0 && length[k - 1] <= length[k] + length[k + 1]
                    || k > 1 && length[k - 2] <= length[k - 1] + length[k];
            if (unbalanced || all) {
                if (k > 0 && length[k - 1] < length[k + 1]) {
                    k--;
                }
            } else if (length[k] > length[k + 1]) {
                break;
            }
            merge(start[k], start[k + 1], start[k + 1] + length[k + 1]);
            length[k] += length[k + 1];
            for (int r = k + 1; r < size - 1; r++) {
                start[r] = start[r + 1];
                length[r] = length[r + 1];
            }
            size--;
        }
        return size;
    }

    /** Merges the adjacent sorted ranges [lo, mid) and [mid, hi) in place, copying out the shorter one. */
    private void merge(int lo, int mid, int hi) {
        int left = mid - lo;
        int right = hi - mid;
        int copy = Math.min(left, right);
        if (spareKeys.length < copy) {
            spareKeys = new long[copy];
            spareFrom = new int[copy];
        }
        if (left <= right) {
            System.arraycopy(keys, lo, spareKeys, 0, left);
            System.arraycopy(from, lo, spareFrom, 0, left);
            int a = 0;
            int b = mid;
            int t = lo;
            while (a < left) {
                if (b >= hi || spareKeys[a] <= keys[b]) {
                    keys[t] = spareKeys[a];
                    from[t++] = spareFrom[a++];
                } else {
                    keys[t] = keys[b];
                    from[t++] = from[b++];
                }
            }
        } else {
            System.arraycopy(keys, mid, spareKeys, 0, right);
            System.arraycopy(from, mid, spareFrom, 0, right);
            int a = mid - 1;
            int b = right - 1;
            int t = hi - 1;
            while (b >= 0) {
                if (a < lo || spareKeys[b] >= keys[a]) {
                    keys[t] = spareKeys[b];
                    from[t--] = spareFrom[b--];
                } else {
                    keys[t] = keys[a];
                    from[t--] = from[a--];
                }
            }
        }
    }
}

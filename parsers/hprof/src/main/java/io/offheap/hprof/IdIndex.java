package io.offheap.hprof;

/**
 * Object identifier (address) to object number, over ids in ascending order ({@link IdOrder}). A
 * directory cuts the id range into about one bucket per four objects and holds the first object of
 * each, so a lookup reads one directory entry and then searches a bucket that usually fits in one cache
 * line. It costs about 1 byte per object, where a hash table costs 8 and scatters every lookup; since
 * references mostly point near their source, neighbouring lookups here also share cache lines
 * (DESIGN.md: graph in primitive arrays). Ids are whatever the file says: a hostile dump can crowd every
 * object into one bucket, which makes lookups binary searches, never linear scans.
 */
final class IdIndex {
    private static final int OBJECTS_PER_BUCKET = 4;
    private static final int NEARBY = 8;

    private final long[] ids;
    private final int count;
    private final long min;
    private final long max;
    private final int shift;
    /** directory[b] is the first object whose bucket is b or later; directory[buckets] is count. */
    private final int[] directory;

    IdIndex(long[] sortedIds, int count) {
        this.ids = sortedIds;
        this.count = count;
        this.min = count == 0 ? 0 : sortedIds[0];
        this.max = count == 0 ? -1 : sortedIds[count - 1];
        long range = max - min; // unsigned: ids ascend as signed longs, so max - min is their distance
        long wanted = Math.max(1, count / OBJECTS_PER_BUCKET);
        int s = 0;
        while (s < 64 && Long.compareUnsigned(range >>> s, wanted) >= 0) {
            s++;
        }
        this.shift = s;
        int buckets = count == 0 ? 0 : (int) (s == 64 ? 0 : range >>> s) + 1;
        this.directory = new int[buckets + 1];
        int b = 0;
        for (int i = 0; i < count; i++) {
            int bucket = bucket(sortedIds[i]);
            while (b <= bucket) {
                directory[b++] = i;
            }
        }
        while (b <= buckets) {
            directory[b++] = count;
        }
    }

    /** The number of the first object with this id, or -1 if the dump holds none. */
    int indexOf(long id) {
        if (id < min || id > max) {
            return -1;
        }
        int b = bucket(id);
        int lo = directory[b];
        int hi = directory[b + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ids[mid] < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < count && ids[lo] == id ? lo : -1;
    }

    /**
     * The same as {@link #indexOf(long)}, looking first among the few objects after {@code near}: collectors
     * copy and compact objects in reference order, so most references point just past their source, and
     * those lines are in the cache already.
     */
    int indexOf(long id, int near) {
        for (int i = near + 1, end = Math.min(count, near + 1 + NEARBY); i < end && ids[i] <= id; i++) {
            if (ids[i] == id && ids[i - 1] != id) {
                return i;
            }
        }
        return indexOf(id);
    }

    private int bucket(long id) {
        return shift == 64 ? 0 : (int) ((id - min) >>> shift);
    }
}

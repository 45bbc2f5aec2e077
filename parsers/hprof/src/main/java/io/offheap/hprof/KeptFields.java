package io.offheap.hprof;

/**
 * The raw field bytes of the instances whose classes the caller asked to keep, by object number. The
 * analysis reads several fields of each of hundreds of thousands of such objects (every buffer, cleaner
 * and Reference), so finding an object's bytes must be cheap: entries are sorted by object number and a
 * directory over the numbers narrows each search to a bucket of about two entries.
 */
final class KeptFields {
    private final long[] entries; // object number << 32 | offset into data, ascending
    private final byte[] data;
    private final int idSize;
    private final int shift;
    private final int[] directory;

    KeptFields(long[] sortedEntries, byte[] data, int objects, int idSize) {
        this.entries = sortedEntries;
        this.data = data;
        this.idSize = idSize;
        int s = 0;
        while ((objects >>> s) > Math.max(1, sortedEntries.length / 2)) {
            s++;
        }
        this.shift = s;
        int buckets = (objects >>> s) + 1;
        this.directory = new int[buckets + 1];
        int b = 0;
        for (int i = 0; i < sortedEntries.length; i++) {
            int bucket = (int) (sortedEntries[i] >>> 32) >>> s;
            while (b <= bucket) {
                directory[b++] = i;
            }
        }
        while (b <= buckets) {
            directory[b++] = sortedEntries.length;
        }
    }

    /** Where the object's bytes start, or -1 if they were not kept. */
    int offset(int object) {
        if (object < 0) {
            return -1;
        }
        int b = object >>> shift;
        if (b + 1 >= directory.length) {
            return -1;
        }
        for (int i = directory[b], end = directory[b + 1]; i < end; i++) {
            int o = (int) (entries[i] >>> 32);
            if (o == object) {
                return (int) entries[i];
            }
            if (o > object) {
                break;
            }
        }
        return -1;
    }

    /** The raw value of a field at {@code offset + field.offset()}; see {@link HeapGraph#value}. */
    long value(int offset, Field f) {
        return RecordInput.value(data, offset + f.offset(), f.type(), idSize);
    }
}

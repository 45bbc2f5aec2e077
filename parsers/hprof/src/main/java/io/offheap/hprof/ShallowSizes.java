package io.offheap.hprof;

/**
 * The estimated shallow size of every object ({@link GraphBuilder}'s estimate), kept as what a class does not
 * already say: all instances of a class have its size and a class mirror has none, so only arrays (and the rare
 * instance whose field data did not match its class) keep a size of their own, in a table indexed by their
 * rank among such objects. A fifth of a byte per object plus 4 per array, where an int per object took 4 (on
 * the benchmark dump, 20 MB instead of 63 for the whole analysis, its memory peak included).
 */
final class ShallowSizes {
    /** Instance size of each class, -1 where its field layout is unknown. */
    private final int[] byClass;
    /** A bit per object whose size is in {@link #own}. */
    private final long[] hasOwn;
    /** How many objects of the words before each word of {@link #hasOwn} have their own size. */
    private final int[] ranks;
    private final int[] own;

    private ShallowSizes(int[] byClass, long[] hasOwn, int[] ranks, int[] own) {
        this.byClass = byClass;
        this.hasOwn = hasOwn;
        this.ranks = ranks;
        this.own = own;
    }

    /**
     * {@code sizes[from[k]]} is the size of object {@code k} (the builder's lists are in file order, {@code from}
     * as {@link IdOrder#sort} returns it, null if the file was in id order), {@code kinds[k]} its class and kind.
     */
    static ShallowSizes of(int[] kinds, int[] sizes, int[] from, int n, int[] byClass) {
        long[] hasOwn = new long[(n + 63) >>> 6];
        // Both passes on every core, each part from a word boundary to the next part's: no word is shared.
        GraphBuilder.inParallel(n, (start, end) -> {
            for (int k = wordStart(start, n), last = wordStart(end, n); k < last; k++) {
                if (sizes[from == null ? k : from[k]] != classSize(kinds[k], byClass)) {
                    hasOwn[k >>> 6] |= 1L << k;
                }
            }
        });
        int[] ranks = new int[hasOwn.length];
        int total = 0;
        for (int w = 0; w < hasOwn.length; w++) {
            ranks[w] = total;
            total += Long.bitCount(hasOwn[w]);
        }
        int[] own = new int[total];
        GraphBuilder.inParallel(n, (start, end) -> {
            int first = wordStart(start, n);
            int r = first < n ? ranks[first >>> 6] : own.length;
            for (int k = first, last = wordStart(end, n); k < last; k++) {
                if ((hasOwn[k >>> 6] & 1L << k) != 0) {
                    own[r++] = sizes[from == null ? k : from[k]];
                }
            }
        });
        return new ShallowSizes(byClass, hasOwn, ranks, own);
    }

    /** The first object of the word that holds {@code k}'s bit, or of the next one if {@code k} is not the first. */
    private static int wordStart(int k, int n) {
        return (int) Math.min(n, ((long) k + 63) & ~63L);
    }

    /** What the class says of an object of this class and kind: its instance size, 0 for a mirror, -1 for arrays. */
    private static int classSize(int classAndKind, int[] byClass) {
        int kind = classAndKind >>> GraphBuilder.KIND_SHIFT;
        if (kind == ObjectKind.CLASS.ordinal()) {
            return 0;
        }
        return kind == ObjectKind.INSTANCE.ordinal() ? byClass[classAndKind & GraphBuilder.CLASS_MASK] : -1;
    }

    int of(int object, int classAndKind) {
        long word = hasOwn[object >>> 6];
        if ((word & 1L << object) != 0) {
            return own[ranks[object >>> 6] + Long.bitCount(word & (1L << object) - 1)];
        }
        return classSize(classAndKind, byClass);
    }
}

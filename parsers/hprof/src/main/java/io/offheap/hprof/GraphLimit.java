package io.offheap.hprof;

/**
 * The dump holds more of something than the graph's int-indexed arrays can number (objects, references,
 * classes). Thrown where the count overflows; {@link HprofReader} turns it into a one-line error naming the
 * file and how far it read, instead of an internal error.
 */
final class GraphLimit extends RuntimeException {
    GraphLimit(String what) {
        super(what);
    }
}

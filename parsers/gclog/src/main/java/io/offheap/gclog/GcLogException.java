package io.offheap.gclog;

/** A file that is not a HotSpot GC log (another JVM's format, a heap dump, binary or unrelated text). */
public class GcLogException extends Exception {
    private static final long serialVersionUID = 1L;

    public GcLogException(String message) {
        super(message);
    }
}

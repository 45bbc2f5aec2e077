package io.offheap.analyzer;

import java.util.List;

/**
 * One retainer followed across the dumps of a {@link Comparison}. {@code bytes} and {@code buffers} have one
 * entry per dump: the live owners attributed to it there ({@link Retainer#attributedBytes()}, so the
 * retainers of a dump add up to its live bytes); 0 buffers means it holds nothing in that dump. Views,
 * freed and awaiting-gc buffers are never attributed, so they never count as growth. {@code root} and
 * {@code path} are from the newest dump that has the retainer; {@code pathChanged} says its path from the
 * GC root differed between dumps and it was matched by class and field alone. {@code bytesPerHour} is the
 * least-squares slope of {@code bytes} against the dumps' timestamps, null when they carry no usable times.
 */
public record RetainerGrowth(String className, boolean staticHolder, String field, String root, List<String> path,
                             boolean pathChanged, List<Long> bytes, List<Integer> buffers, Double bytesPerHour) {

    /** Bytes in the newest dump minus bytes in the oldest. */
    public long deltaBytes() {
        return bytes.get(bytes.size() - 1) - bytes.get(0);
    }

    public int deltaBuffers() {
        return buffers.get(buffers.size() - 1) - buffers.get(0);
    }

    /** Holds nothing in the oldest dump and something in the newest. */
    public boolean appeared() {
        return buffers.get(0) == 0 && buffers.get(buffers.size() - 1) > 0;
    }

    /** Held something in the oldest dump and nothing in the newest. */
    public boolean vanished() {
        return buffers.get(0) > 0 && buffers.get(buffers.size() - 1) == 0;
    }

    /** {@code class Foo#CACHE} for a static holder, {@code Foo#field} for an object. */
    public String holderName() {
        return (staticHolder ? "class " : "") + className + (field != null ? "#" + field : "");
    }
}

package io.offheap.analyzer;

import java.util.List;

/**
 * An object that keeps live owners alive (see {@link Retainers} for how it is chosen).
 * {@code retainedBytes}: the native bytes of every live owner it dominates, i.e. alone keeps alive.
 * {@code attributedBytes} and {@code buffers}: the live owners attributed to it; {@code sharedBuffers} of
 * them are also kept alive by another holder, so they may count in {@code attributedBytes} but not in
 * {@code retainedBytes}. {@code staticHolder} when it is a class holding them in a
 * static field; {@code field} is its own field the buffers hang from; {@code path} runs from the GC root
 * ({@code root} says which kind) to the retainer, as {@code Class#field} steps. {@code id} 0 stands for
 * the set of GC roots when no single object dominates the buffers. {@code retainedHeapBytes}: the heap it
 * alone keeps alive, summed from estimated object sizes (HPROF records none; see HeapGraph#shallowSize).
 */
public record Retainer(long id, String className, boolean staticHolder, String field, long retainedBytes,
                       long attributedBytes, int buffers, int sharedBuffers, String root, List<String> path,
                       long retainedHeapBytes) {

    /** How people name it: {@code class X#FIELD} for a static holder, {@code X#field} for an instance. */
    public String holderName() {
        return (staticHolder ? "class " : "") + className + (field != null ? "#" + field : "");
    }
}

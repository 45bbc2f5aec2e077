package io.offheap.analyzer;

import java.util.List;

/**
 * An object that keeps live owners reachable: the nearest object on their shortest path from a GC
 * root that is not JDK collection plumbing. {@code staticHolder} when it is a class holding them in a
 * static field. {@code field} is the retainer's own field the buffers hang from; {@code path} runs
 * from the GC root ({@code root} says which kind) to the retainer, as {@code Class#field} steps.
 */
public record Retainer(long id, String className, boolean staticHolder, String field, long retainedBytes,
                       int buffers, String root, List<String> path) {
}

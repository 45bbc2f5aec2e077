package io.offheap.hprof;

import java.nio.file.Path;

/**
 * How far reading went. {@code bytesDecoded} counts uncompressed bytes; a truncated dump is analysed
 * as far as it goes. {@code heapDumps} > 1 for files of the old hprof agent, which hold two dumps
 * (only the last is kept).
 */
public record ReadOutcome(Path file, long fileSize, boolean compressed, long bytesDecoded, boolean truncated,
                          int heapDumps) {
}

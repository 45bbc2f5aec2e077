package io.offheap.analyzer;

import java.util.List;
import java.util.Map;

/**
 * A well-known holder of off-heap memory, named in plain words with the advice that fits it.
 * {@code bytes} and {@code buffers}: the native memory and the buffers it accounts for (owners and raw
 * buffers, never views). {@code facts}: figures that back the description (the largest thread cache, how
 * many buffers have no cleaner). {@code details}: one entry per thread, file or buffer.
 */
public record Holder(HolderKind kind, String description, long bytes, int buffers, String advice,
                     Map<String, Object> facts, List<HolderDetail> details) {
}

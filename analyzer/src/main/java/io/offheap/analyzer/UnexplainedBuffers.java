package io.offheap.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Buffers with no cleaner and no owner (kind unowned) that no well-known holder explains (DOMAIN.md 1.3:
 * JNI {@code NewDirectByteBuffer}, a library's raw allocation): no GC will ever free their memory, so each is
 * listed with its shortest path from a GC root, the lead to the code that made it.
 */
final class UnexplainedBuffers {
    private UnexplainedBuffers() {
    }

    static Optional<Holder> holder(HolderCensus c, List<Buffer> buffers, List<Integer> objects) {
        List<HolderDetail.UnexplainedBuffer> found = new ArrayList<>();
        Set<Long> addresses = new HashSet<>();
        long bytes = 0;
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            if (b.kind() != BufferKind.UNOWNED || c.explained(b) || b.address() == 0) {
                continue;
            }
            found.add(new HolderDetail.UnexplainedBuffer(b.id(), b.capacity(), b.state(), c.path(objects.get(i))));
            if (addresses.add(b.address())) {
                bytes += b.capacity(); // wrappers of one native block count once, as in the census totals
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        found.sort(Comparator.comparingLong(HolderDetail.UnexplainedBuffer::capacity).reversed());
        String description = String.format("Buffers with no cleaner and no owner that Offheap cannot attribute: %s in %d "
                + "buffers (JNI NewDirectByteBuffer or a library's own native allocation)", Bytes.human(bytes), found.size());
        String advice = "No garbage collection frees this memory: only the code that allocated it can. Follow each "
                + "buffer's path from its GC root to the library that made it, and check that it frees the memory "
                + "when the buffer is no longer used.";
        return Optional.of(new Holder(HolderKind.UNEXPLAINED_UNOWNED, description, bytes, found.size(), advice,
                Map.of(), List.copyOf(found)));
    }
}

package io.offheap.analyzer;

import io.offheap.hprof.Field;
import io.offheap.hprof.HeapClass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Direct buffers over FFM memory (DOMAIN.md 1.2, 1.3): {@code MemorySegment.asByteBuffer()} makes a buffer
 * with no cleaner and no {@code att} whose {@code Buffer.segment} is the native segment (null for the global
 * scope, so those buffers are not found here). The segment ({@code NativeMemorySegmentImpl}) holds the address
 * {@code min}, {@code length} and its session {@code scope}; the session ({@code MemorySessionImpl}) its
 * {@code state} (0 or above open, negative closed) and its kind in its class name. The memory belongs to the
 * arena, not the buffer: the census would call these buffers unowned, so they are explained here. The
 * segments' and sessions' fields are kept by {@link #SEGMENT} and {@link #SESSION} in
 * {@link Analyzer#FIELDS_NEEDED}.
 */
final class ForeignMemory {
    /** For the reader: keep the fields of native segments (address, length). */
    static final String SEGMENT = "jdk.internal.foreign.NativeMemorySegmentImpl";
    /** For the reader: keep the fields of sessions and their subclasses (state). */
    static final String SESSION = "jdk.internal.foreign.MemorySessionImpl";
    private static final Map<String, String> ARENAS = Map.of("jdk.internal.foreign.ConfinedSession", "confined",
            "jdk.internal.foreign.SharedSession", "shared", "jdk.internal.foreign.GlobalSession", "global",
            "jdk.internal.foreign.ImplicitSession", "implicit");

    private ForeignMemory() {
    }

    static Optional<Holder> find(HolderCensus c, List<Buffer> buffers, List<Integer> objects) {
        List<HolderDetail.ForeignBuffer> found = new ArrayList<>();
        Set<Integer> openSegments = new HashSet<>();
        long openBytes = 0;
        long closedBytes = 0;
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            int segment = c.ref(objects.get(i), "segment");
            if (segment < 0) {
                continue;
            }
            c.explain(b);
            int session = c.ref(segment, "scope");
            Long state = value(c, session, "state");
            // DOMAIN.md 1.3 names 0 open, -1 closing, -2 closed; but a JDK 25 dump shows 1 for an Arena.ofAuto()
            // session (shared sessions count acquires above 0) and -1 for a shared arena whose close() returned, so
            // any value >= 0 is open and any negative one closed: its memory is freed or being freed.
            String arenaState = state == null ? null : state >= 0 ? "open" : "closed";
            String arena = session < 0 ? null : ARENAS.getOrDefault(c.g.classOf(session).name(), c.g.classOf(session).name());
            Long address = value(c, segment, "min");
            Long length = value(c, segment, "length");
            long bytes = length == null ? b.capacity() : length;
            found.add(new HolderDetail.ForeignBuffer(b.id(), b.capacity(), b.state(), c.g.id(segment),
                    address == null ? b.address() : address, bytes, arena, arenaState));
            if ("closed".equals(arenaState)) {
                closedBytes += b.capacity();
            } else if (!"global".equals(arena) && openSegments.add(segment)) {
                openBytes += bytes; // views of one segment share its memory (DOMAIN.md 1.3 tool rule)
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        found.sort(Comparator.comparingLong(HolderDetail.ForeignBuffer::length).reversed());
        long closed = found.stream().filter(f -> "closed".equals(f.arenaState())).count();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("openSegmentBytes", openBytes);
        facts.put("openSegments", openSegments.size());
        facts.put("closedArenaBuffers", closed);
        String description = String.format("Direct buffers over foreign (FFM) memory: %d buffers; %s in %d segments of arenas "
                        + "still open; %d buffers (%s) over arenas already closed",
                found.size(), Bytes.human(openBytes), openSegments.size(), closed, Bytes.human(closedBytes));
        // DOMAIN.md 3.1: JDK 21 reserves every native segment allocation in Bits; 25 only Arena.ofAuto()'s.
        String advice = "This memory belongs to an Arena, not to the buffers: Arena.close() frees it (confined and shared "
                + "arenas); an Arena.ofAuto() segment is freed by a GC once unreachable; the global arena never frees. "
                + "Close arenas when done (try-with-resources). It counts against -XX:MaxDirectMemorySize and shows in "
                + "the direct buffer pool on JDK 21 for every allocation, on JDK 25 only for Arena.ofAuto().";
        if (closed > 0) {
            advice = "Some buffers outlive their closed arena: their memory is freed and they must not be used (access "
                    + "throws IllegalStateException); drop them. " + advice;
        }
        return Optional.of(new Holder(HolderKind.FOREIGN_MEMORY, description, openBytes, found.size(), advice, facts,
                List.copyOf(found)));
    }

    /** A primitive field of {@code o}, declared by its class or a superclass; null when the dump lacks it. */
    private static Long value(HolderCensus c, int o, String name) {
        if (o < 0 || !c.g.hasFields(o)) {
            return null;
        }
        for (HeapClass s = c.g.classOf(o); s != null; s = c.g.superclass(s)) {
            Field f = c.g.field(c.g.classOf(o), s.name(), name);
            if (f != null) {
                return c.g.value(o, f);
            }
        }
        return null;
    }
}

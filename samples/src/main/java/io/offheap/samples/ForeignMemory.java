package io.offheap.samples;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct buffers over FFM memory (DOMAIN.md 1.2, 1.3): {@code MemorySegment.asByteBuffer()} on segments from
 * a confined arena kept open, a shared arena closed afterwards (its buffer still referenced: the memory is
 * freed, the buffer must not be used) and an auto arena (freed by a GC once unreachable; kept reachable
 * here). java.lang.foreign is final only from JDK 21 and this module compiles with --release 17, so the API is
 * called by reflection; on an older JDK the program fails.
 *
 * <p>expected.properties, per arena kind {@code k} in confined, shared, auto: {@code foreign.k.capacities}
 * (the buffer's capacity, which is the segment's length), {@code foreign.k.state} (open or closed, from
 * {@code MemorySegment.scope().isAlive()} just before the dump), and the {@code direct} BufferPoolMXBean's
 * change across the allocation, {@code foreign.k.pool.count} and {@code foreign.k.pool.totalCapacity}, which
 * tell whether Bits counted it (DOMAIN.md 3.1: JDK 21 always, 25 only for Arena.ofAuto()).
 */
public final class ForeignMemory {
    static final String[] KINDS = {"confined", "shared", "auto"};
    static final long[] CAPACITIES = {1_000_003, 500_009, 250_001};

    /** What the program keeps: the buffers (and so their segments and arenas). */
    static final class Held {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    private ForeignMemory() {
    }

    /** args[0]: output directory for expected.properties and ForeignMemory.hprof. */
    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("foreign memory needs JDK 21+, this is " + Runtime.version());
        }
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
        Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
        Method allocate = arenaClass.getMethod("allocate", long.class, long.class);
        Method asByteBuffer = segmentClass.getMethod("asByteBuffer");
        Method scope = segmentClass.getMethod("scope");
        Method isAlive = Class.forName("java.lang.foreign.MemorySegment$Scope").getMethod("isAlive");
        Object[] segments = new Object[KINDS.length];
        for (int i = 0; i < KINDS.length; i++) {
            String kind = KINDS[i];
            Object arena = arenaClass.getMethod("of" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1)).invoke(null);
            BufferPools before = BufferPools.now();
            segments[i] = allocate.invoke(arena, CAPACITIES[i], 8L);
            BufferPools after = BufferPools.now();
            Held.BUFFERS.add((ByteBuffer) asByteBuffer.invoke(segments[i]));
            truth.add("foreign." + kind, CAPACITIES[i]);
            truth.put("foreign." + kind + ".pool.count", after.direct().count() - before.direct().count())
                    .put("foreign." + kind + ".pool.totalCapacity", after.direct().totalCapacity() - before.direct().totalCapacity());
            if (kind.equals("shared")) {
                arenaClass.getMethod("close").invoke(arena);
            }
        }
        for (int i = 0; i < KINDS.length; i++) {
            truth.put("foreign." + KINDS[i] + ".state", (Boolean) isAlive.invoke(scope.invoke(segments[i])) ? "open" : "closed");
        }
        truth.dumps(List.of("ForeignMemory.hprof")).write(out);
        HeapDump.write(out.resolve("ForeignMemory.hprof"));
    }
}

package io.offheap.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic direct-memory failure (DOMAIN.md 3.5): buffers that reached the old generation are
 * dropped; young collections keep running but only discover garbage in the young generation;
 * explicit GC is disabled, so no full collection ever comes; the next large allocateDirect fails
 * with "Cannot reserve ..." although nothing holds the memory. The program then dumps itself as an
 * OutOfMemoryError handler would (DOMAIN.md 7.1): every dropped buffer awaiting GC, in the old
 * generation.
 *
 * <p>expected.properties: dropped.count, dropped.bytes, dropped.capacities, dropped.generation,
 * young.collections, young.collections.after.drop, full.collections, failed.request.bytes,
 * failed.request.error, and the common keys of every sample.
 */
public final class DelayedReclamation {

    private static final int BUFFERS = 24;
    private static final int FAILED_REQUEST = 8 << 20;

    /** Buffers in use; dropped all at once after they were promoted. */
    private static List<ByteBuffer> inFlight = new ArrayList<>();

    private DelayedReclamation() {
    }

    /** Parallel GC, promotion after one survived collection, no explicit GC, a 32 MiB direct limit, a GC log. */
    public static List<String> jvmArgs(Path outDir) {
        return List.of("-XX:+UseParallelGC", "-XX:MaxTenuringThreshold=1", "-XX:+DisableExplicitGC",
                "-XX:MaxDirectMemorySize=32m", "-Xms32m", "-Xmx32m", "-Xmn8m", GcLog.option(outDir));
    }

    /** args[0]: output directory for expected.properties and DelayedReclamation.hprof. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of(args[0]);
        if (!HeapDump.vmOption("DisableExplicitGC").equals("true")) {
            throw new IllegalStateException("run with -XX:+DisableExplicitGC: Bits would otherwise call System.gc()");
        }
        GroundTruth truth = GroundTruth.start();
        for (int i = 0; i < BUFFERS; i++) {
            int capacity = (1 << 20) + 4_099 * i + 1;
            inFlight.add(ByteBuffer.allocateDirect(capacity));
            truth.add("dropped", capacity);
        }
        // With MaxTenuringThreshold=1 a survivor is promoted at its second young collection.
        Garbage.untilYoungCollections(3);
        BufferPools beforeDrop = BufferPools.now();

        inFlight = null;
        long youngAtDrop = GcCounts.of(GcCounts.PS_SCAVENGE);
        Garbage.untilYoungCollections(3);
        // Had a young collection discovered a dropped buffer, the Reference Handler would free it now.
        Thread.sleep(200);
        if (!BufferPools.now().equals(beforeDrop)) {
            throw new IllegalStateException("a young collection freed a dropped buffer: it was not promoted; "
                    + beforeDrop + " -> " + BufferPools.now());
        }

        truth.put("failed.request.bytes", FAILED_REQUEST)
                .put("failed.request.error", failedAllocation());
        long young = GcCounts.of(GcCounts.PS_SCAVENGE);
        long full = GcCounts.of(GcCounts.PS_MARK_SWEEP);
        if (full != 0) {
            throw new IllegalStateException(full + " full collection(s) ran: they would have freed the dropped buffers");
        }
        truth.put("dropped.generation", "old")
                .put("young.collections", young)
                .put("young.collections.after.drop", young - youngAtDrop)
                .put("full.collections", full)
                .dumps(List.of("DelayedReclamation.hprof"))
                .write(out);
        HeapDump.write(out.resolve("DelayedReclamation.hprof"));
    }

    /**
     * Bits retries for about 0.5 s, waiting for cleaners that no collection has made pending, and its
     * System.gc() does nothing under DisableExplicitGC. The constructor sets the capacity before Bits
     * refuses, so the dump also holds an unreachable DirectByteBuffer of this capacity with address 0
     * and no cleaner: what a real OutOfMemoryError leaves behind.
     */
    private static String failedAllocation() {
        try {
            ByteBuffer.allocateDirect(FAILED_REQUEST);
        } catch (OutOfMemoryError expected) {
            return expected.getMessage();
        }
        throw new IllegalStateException("allocateDirect(" + FAILED_REQUEST + ") succeeded: the dropped buffers were freed");
    }
}

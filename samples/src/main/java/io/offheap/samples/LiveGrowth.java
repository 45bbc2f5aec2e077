package io.offheap.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A true leak, the opposite of DelayedReclamation: every session's buffer stays strongly reachable
 * from {@link SessionRegistry#INSTANCE}, so no collection could free it. Grows in rounds with young
 * collections in between and dumps itself after each round (LiveGrowth-1.hprof, ...), for diff and
 * trend.
 *
 * <p>expected.properties: holder.class, holder.field, holder.count, holder.bytes, holder.capacities
 * (at the last dump), rounds, round.N.count, round.N.bytes, round.N.dump, young.collections,
 * full.collections, and the common keys of every sample.
 */
public final class LiveGrowth {

    private static final int ROUNDS = 3;
    private static final int SESSIONS_PER_ROUND = 6;

    /** The leaking holder: sessions are opened and never closed. */
    static final class SessionRegistry {
        static final SessionRegistry INSTANCE = new SessionRegistry();

        private final Map<Long, ByteBuffer> sessions = new HashMap<>();
        private long nextId;

        void open(int bufferCapacity) {
            sessions.put(nextId++, ByteBuffer.allocateDirect(bufferCapacity));
        }

        int count() {
            return sessions.size();
        }

        long bytes() {
            return sessions.values().stream().mapToLong(ByteBuffer::capacity).sum();
        }
    }

    private LiveGrowth() {
    }

    /** Parallel GC (young collections between rounds), a 64 MiB direct limit, a GC log. */
    public static List<String> jvmArgs(Path outDir) {
        return List.of("-XX:+UseParallelGC", "-XX:MaxDirectMemorySize=64m", "-Xms32m", "-Xmx32m", "-Xmn8m",
                GcLog.option(outDir));
    }

    /** args[0]: output directory for expected.properties and LiveGrowth-N.hprof. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        List<String> dumps = new ArrayList<>();
        SessionRegistry registry = SessionRegistry.INSTANCE;
        for (int round = 1; round <= ROUNDS; round++) {
            if (round > 1) {
                Garbage.untilYoungCollections(2);
            }
            for (int i = 0; i < SESSIONS_PER_ROUND; i++) {
                int capacity = 262_147 + 1_009 * registry.count();
                registry.open(capacity);
                truth.add("holder", capacity);
            }
            String dump = "LiveGrowth-" + round + ".hprof";
            dumps.add(dump);
            truth.put("round." + round + ".count", registry.count())
                    .put("round." + round + ".bytes", registry.bytes())
                    .put("round." + round + ".dump", dump);
            if (round < ROUNDS) {
                HeapDump.write(out.resolve(dump));
            }
        }
        truth.put("holder.class", SessionRegistry.class.getName())
                .put("holder.field", "INSTANCE")
                .put("rounds", ROUNDS)
                .put("young.collections", GcCounts.of(GcCounts.PS_SCAVENGE))
                .put("full.collections", GcCounts.of(GcCounts.PS_MARK_SWEEP))
                .dumps(dumps)
                .write(out);
        HeapDump.write(out.resolve(dumps.get(ROUNDS - 1)));
    }
}

package io.offheap.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A leak that grows between dumps while everything around it changes without growing: what a diff must
 * not mistake for growth. Each round the {@link Ledger} keeps more entries (the leak), each with a view
 * of its own buffer; {@link Steady} keeps the same owners but gains views of them; {@link Churn} frees
 * its buffers explicitly (they stay referenced, state freed) and allocates the same capacities again;
 * and a few owners are allocated and dropped (awaiting-gc until a young collection finds them). Young
 * collections run between rounds; the program dumps itself after each round (GrowthWithNoise-N.hprof).
 *
 * <p>expected.properties: rounds, round.N.dump, round.N.leak.count, round.N.leak.bytes,
 * round.N.steady.views, round.N.churn.freed, round.N.dropped (cumulative counts at dump N), leak.class,
 * steady.class, churn.class, and the categories leak, steady, churn (the live owners of each holder at the
 * last dump; .count, .bytes, .capacities), with the common keys of every sample.
 */
public final class GrowthWithNoise {

    private static final int ROUNDS = 3;
    private static final int LEAK_PER_ROUND = 5;

    /** The leak: entries are added and never removed. */
    static final class Ledger {
        static final Ledger INSTANCE = new Ledger();
        final List<Entry> entries = new ArrayList<>();
    }

    /** One leaked entry: an owner and a view of its first bytes (views own nothing; DOMAIN.md 1.3). */
    static final class Entry {
        final ByteBuffer data;
        final ByteBuffer header;

        Entry(ByteBuffer data) {
            this.data = data;
            this.header = data.slice(0, 64);
        }
    }

    /** Same owners in every dump; only its views of them multiply. */
    static final class Steady {
        static final Steady INSTANCE = new Steady();
        final List<ByteBuffer> buffers = new ArrayList<>();
        final List<ByteBuffer> views = new ArrayList<>();
    }

    /** The same live capacities in every dump, each round in new owners; the old ones are freed but kept. */
    static final class Churn {
        static final Churn INSTANCE = new Churn();
        final List<ByteBuffer> current = new ArrayList<>();
        final List<ByteBuffer> closed = new ArrayList<>();
    }

    private static final int[] STEADY = {70_001, 70_003, 70_009};
    private static final int[] CHURN = {90_001, 90_007};

    private GrowthWithNoise() {
    }

    /** The JVM LiveGrowth runs on: Parallel GC, a 64 MiB direct limit, a GC log. */
    public static List<String> jvmArgs(Path outDir) {
        return LiveGrowth.jvmArgs(outDir);
    }

    /** args[0]: output directory for expected.properties and GrowthWithNoise-N.hprof. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        Ledger ledger = Ledger.INSTANCE;
        Steady steady = Steady.INSTANCE;
        Churn churn = Churn.INSTANCE;
        for (int capacity : STEADY) {
            steady.buffers.add(ByteBuffer.allocateDirect(capacity));
            truth.add("steady", capacity);
        }
        List<String> dumps = new ArrayList<>();
        long leakBytes = 0;
        int dropped = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            if (round > 1) {
                Garbage.untilYoungCollections(2);
            }
            for (int i = 0; i < LEAK_PER_ROUND; i++) {
                int capacity = 131_101 + 1_013 * ledger.entries.size();
                ledger.entries.add(new Entry(ByteBuffer.allocateDirect(capacity)));
                leakBytes += capacity;
                truth.add("leak", capacity);
            }
            for (ByteBuffer b : steady.buffers) {
                steady.views.add(round % 2 == 0 ? b.duplicate() : b.asReadOnlyBuffer());
            }
            for (ByteBuffer b : churn.current) {
                NativeMemory.free(b);
                churn.closed.add(b);
            }
            churn.current.clear();
            for (int capacity : CHURN) {
                churn.current.add(ByteBuffer.allocateDirect(capacity));
                if (round == ROUNDS) {
                    truth.add("churn", capacity);
                }
            }
            for (int i = 0; i < 2; i++) {
                ByteBuffer.allocateDirect(50_003 + 17 * dropped++);
            }
            String dump = "GrowthWithNoise-" + round + ".hprof";
            dumps.add(dump);
            truth.put("round." + round + ".dump", dump)
                    .put("round." + round + ".leak.count", ledger.entries.size())
                    .put("round." + round + ".leak.bytes", leakBytes)
                    .put("round." + round + ".steady.views", steady.views.size())
                    .put("round." + round + ".churn.freed", churn.closed.size())
                    .put("round." + round + ".dropped", dropped);
            if (round < ROUNDS) {
                HeapDump.write(out.resolve(dump));
            }
        }
        truth.put("leak.class", Ledger.class.getName())
                .put("steady.class", Steady.class.getName())
                .put("churn.class", Churn.class.getName())
                .put("rounds", ROUNDS)
                .dumps(dumps)
                .write(out);
        HeapDump.write(out.resolve(dumps.get(ROUNDS - 1)));
    }
}

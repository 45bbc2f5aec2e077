package io.offheap.samples;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holders whose retained native memory the program knows exactly: a cache of many buffers, two holders
 * that share some buffers below a common parent, and a holder reachable through a strong and a weak path.
 *
 * <p>expected.properties (categories: .count, .bytes, .capacities): {@code cache} (all buffers of
 * {@code Holders$Cache}), {@code a.own}, {@code b.own} (buffers only holder A or B references),
 * {@code shared} (referenced by both), {@code weakly} (held by {@code Holders$Weakly}, also weakly
 * referenced), {@code sessions} (one per {@code Holders$Session} in {@code Holders$Registry}), and the
 * class names {@code cache.class}, {@code a.class}, {@code b.class}, {@code pair.class},
 * {@code weakly.class}, {@code registry.class}.
 */
public final class Holders {
    static final class Cache {
        static final Cache INSTANCE = new Cache();
        final Map<Integer, ByteBuffer> entries = new HashMap<>();
    }

    static final class HolderA {
        final List<ByteBuffer> buffers = new ArrayList<>();
    }

    static final class HolderB {
        final List<ByteBuffer> buffers = new ArrayList<>();
    }

    /** The one object above both A and B: their common dominator. */
    static final class Pair {
        static final Pair INSTANCE = new Pair();
        final HolderA a = new HolderA();
        final HolderB b = new HolderB();
    }

    static final class Session {
        final ByteBuffer buffer;

        Session(ByteBuffer buffer) {
            this.buffer = buffer;
        }
    }

    /** Many sessions, one buffer each: the registry, not a session, is where the memory accumulates. */
    static final class Registry {
        static final Registry INSTANCE = new Registry();
        final Map<Integer, Session> sessions = new HashMap<>();
    }

    static final class Weakly {
        static final Weakly INSTANCE = new Weakly();
        static final WeakReference<Weakly> ALSO_WEAKLY = new WeakReference<>(INSTANCE);
        final List<ByteBuffer> buffers = new ArrayList<>();
    }

    private Holders() {
    }

    public static List<String> jvmArgs(Path outDir) {
        return List.of("-Xms64m", "-Xmx64m", "-Xmn32m");
    }

    /** args[0]: output directory for expected.properties and Holders.hprof. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        for (int i = 0; i < 64; i++) {
            int capacity = 10_007 + 31 * i;
            Cache.INSTANCE.entries.put(i, ByteBuffer.allocateDirect(capacity));
            truth.add("cache", capacity);
        }
        for (int i = 0; i < 3; i++) {
            int capacity = 20_011 + 37 * i;
            Pair.INSTANCE.a.buffers.add(ByteBuffer.allocateDirect(capacity));
            truth.add("a.own", capacity);
        }
        for (int i = 0; i < 2; i++) {
            int capacity = 30_013 + 41 * i;
            Pair.INSTANCE.b.buffers.add(ByteBuffer.allocateDirect(capacity));
            truth.add("b.own", capacity);
        }
        for (int i = 0; i < 5; i++) {
            int capacity = 40_009 + 43 * i;
            ByteBuffer shared = ByteBuffer.allocateDirect(capacity);
            Pair.INSTANCE.a.buffers.add(shared);
            Pair.INSTANCE.b.buffers.add(shared);
            truth.add("shared", capacity);
        }
        for (int i = 0; i < 12; i++) {
            int capacity = 60_017 + 53 * i;
            Registry.INSTANCE.sessions.put(i, new Session(ByteBuffer.allocateDirect(capacity)));
            truth.add("sessions", capacity);
        }
        for (int i = 0; i < 4; i++) {
            int capacity = 50_021 + 47 * i;
            Weakly.INSTANCE.buffers.add(ByteBuffer.allocateDirect(capacity));
            truth.add("weakly", capacity);
        }
        truth.put("cache.class", Cache.class.getName())
                .put("a.class", HolderA.class.getName())
                .put("b.class", HolderB.class.getName())
                .put("pair.class", Pair.class.getName())
                .put("weakly.class", Weakly.class.getName())
                .put("registry.class", Registry.class.getName())
                .dumps(List.of("Holders.hprof"))
                .write(out);
        HeapDump.write(out.resolve("Holders.hprof"));
        // Keep every holder reachable until the dump is written.
        System.out.println(Cache.INSTANCE.entries.size() + Pair.INSTANCE.a.buffers.size() + Weakly.ALSO_WEAKLY.get().buffers.size()
                + Registry.INSTANCE.sessions.size());
    }
}

package io.offheap.analyzer;

import io.offheap.hprof.HeapClass;
import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.ObjectKind;
import io.offheap.hprof.RootKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds the live memory: for each live buffer, walk its shortest path from a GC root back from
 * the buffer and stop at the first object that is not JDK plumbing (arrays, {@code java.util}
 * collections, thread-local maps, other buffers): that object, typically the application object or
 * class whose field holds the collection, is the retainer. Owners' reserved bytes are summed per
 * retainer, biggest first.
 */
final class Retainers {
    private final HeapGraph g;
    private final Reachability reach;
    private final Map<Integer, RootKind> rootKinds = new HashMap<>();

    private Retainers(Reachability reach) {
        this.g = reach.graph();
        this.reach = reach;
        for (int r = g.rootCount() - 1; r >= 0; r--) {
            rootKinds.put(g.rootObject(r), g.rootKind(r));
        }
    }

    /** Sets each live buffer's retainer and returns the owners' retainers, biggest first. */
    static List<Retainer> find(Reachability reach, List<Buffer> buffers, List<Integer> objects) {
        return new Retainers(reach).find(buffers, objects);
    }

    private List<Retainer> find(List<Buffer> buffers, List<Integer> objects) {
        record Tally(int holder, String field, long[] bytes, int[] count) {
        }
        Map<Integer, Tally> tallies = new LinkedHashMap<>();
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            if (b.state() != BufferState.LIVE || b.kind() == BufferKind.VIEW) {
                continue;
            }
            int child = objects.get(i);
            int holder = reach.parent(child);
            while (holder >= 0 && isPlumbing(holder)) {
                child = holder;
                holder = reach.parent(holder);
            }
            if (holder < 0) {
                holder = child; // every object up to the root was plumbing: the root itself holds it
            }
            buffers.set(i, b.withRetainer(g.id(holder)));
            if (b.kind() == BufferKind.OWNER) {
                int step = holder == child ? -1 : child;
                Tally t = tallies.computeIfAbsent(holder, h -> new Tally(h, step < 0 ? null : slot(h, step),
                        new long[1], new int[1]));
                t.bytes[0] += b.reservedBytes();
                t.count[0]++;
            }
        }
        List<Retainer> result = new ArrayList<>();
        for (Tally t : tallies.values()) {
            HeapClass c = g.classOf(t.holder);
            boolean isClass = g.kind(t.holder) == ObjectKind.CLASS;
            RootKind root = rootKinds.get(rootOf(t.holder));
            result.add(new Retainer(g.id(t.holder), c.name(), isClass, t.field, t.bytes[0], t.count[0],
                    root == null ? "unknown" : root.description(), path(t.holder)));
        }
        result.sort(Comparator.comparingLong(Retainer::retainedBytes).reversed());
        return result;
    }

    private boolean isPlumbing(int o) {
        ObjectKind kind = g.kind(o);
        if (kind == ObjectKind.OBJECT_ARRAY || kind == ObjectKind.PRIMITIVE_ARRAY) {
            return true;
        }
        if (kind == ObjectKind.CLASS) {
            return false;
        }
        String name = g.classOf(o).name();
        return name.startsWith("java.util.") || name.startsWith("java.lang.ThreadLocal$")
                || name.startsWith("java.nio.");
    }

    private int rootOf(int o) {
        int cur = o;
        while (reach.parent(cur) >= 0) {
            cur = reach.parent(cur);
        }
        return cur;
    }

    /** Root to {@code o}, each step {@code Class#field}; the last entry names {@code o} itself. */
    private List<String> path(int o) {
        List<Integer> chain = new ArrayList<>();
        for (int cur = o; cur >= 0; cur = reach.parent(cur)) {
            chain.add(0, cur);
        }
        List<String> steps = new ArrayList<>(chain.size());
        for (int i = 0; i < chain.size(); i++) {
            int cur = chain.get(i);
            String label = label(cur);
            steps.add(i + 1 < chain.size() ? label + "#" + slot(cur, chain.get(i + 1)) : label);
        }
        return steps;
    }

    private String label(int o) {
        return g.kind(o) == ObjectKind.CLASS ? "class " + g.classOf(o).name() : g.classOf(o).name();
    }

    /** The name of the reference slot of {@code from} that points at {@code to}. */
    private String slot(int from, int to) {
        for (int e = g.edgeStart(from), end = g.edgeEnd(from); e < end; e++) {
            if (g.edgeTarget(e) == to) {
                return g.slotName(from, e);
            }
        }
        return "<class>"; // the implicit edge from an instance to its class (Reachability)
    }
}

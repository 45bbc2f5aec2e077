package io.offheap.analyzer;

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
 * Who keeps the live memory: for each live owner, the object that alone keeps it alive, found on the
 * dominator tree. From the owner we climb to the first dominator that is not JDK plumbing (arrays,
 * {@code java.util} collections, thread-local maps, other buffers), then further up to where holders of
 * one class accumulate: the registry whose map holds thousands of sessions each with one buffer, not the
 * sessions, is the retainer. Buffers that several holders reference are attributed to their common dominator; when
 * that is only a thread, a class loader or the set of GC roots (a buffer held both by a cache and by a
 * view in another class), to the nearest holder on their shortest path from a root, counted as shared.
 * A pseudo-retainer stands for the set of GC roots when not even that exists.
 */
final class Retainers {
    static final String SEVERAL_ROOTS = "<several GC roots>";

    private final HeapGraph g;
    private final Reachability reach;
    private final DominatorTree dom;
    private final Map<Integer, RootKind> rootKinds = new HashMap<>();

    private Retainers(Reachability reach, DominatorTree dom) {
        this.g = reach.graph();
        this.reach = reach;
        this.dom = dom;
        for (int r = g.rootCount() - 1; r >= 0; r--) {
            rootKinds.put(g.rootObject(r), g.rootKind(r));
        }
    }

    /** Sets each live buffer's retainer and returns the retainers of live owners, most native bytes first. */
    static List<Retainer> find(Reachability reach, DominatorTree dom, List<Buffer> buffers, List<Integer> objects) {
        return new Retainers(reach, dom).find(buffers, objects);
    }

    private List<Retainer> find(List<Buffer> buffers, List<Integer> objects) {
        List<Integer> first = new ArrayList<>();
        List<Integer> direct = new ArrayList<>();
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            boolean counted = b.state() == BufferState.LIVE && b.kind() != BufferKind.VIEW;
            first.add(counted ? firstHolder(dom.idom(objects.get(i))) : DominatorTree.UNREACHED);
            direct.add(counted ? nearestHolderOnPath(objects.get(i)) : DominatorTree.UNREACHED);
        }
        java.util.Set<Integer> candidates = new java.util.HashSet<>(first);
        candidates.addAll(direct);
        candidates.removeIf(h -> h < 0);
        Map<Integer, Integer> lifted = accumulationPoints(candidates);
        final class Tally {
            final int holder;
            String field;
            long bytes;
            int count;
            int shared;

            Tally(int holder) {
                this.holder = holder;
            }
        }
        Map<Integer, Tally> tallies = new LinkedHashMap<>();
        Map<Integer, Long> reserved = new HashMap<>(); // each live owner's native bytes, by object
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            if (b.state() != BufferState.LIVE || b.kind() == BufferKind.VIEW) {
                continue;
            }
            int object = objects.get(i);
            int holder = lifted.getOrDefault(first.get(i), first.get(i));
            int nearest = lifted.getOrDefault(direct.get(i), direct.get(i));
            boolean shared = holder != nearest;
            if ((holder < 0 || isGeneric(holder)) && nearest >= 0) {
                holder = nearest; // only the roots or a class loader dominate it: name its nearest holder instead
            }
            buffers.set(i, b.withRetainer(holder >= 0 ? g.id(holder) : 0));
            if (b.kind() != BufferKind.OWNER) {
                continue;
            }
            reserved.put(object, b.reservedBytes());
            Tally t = tallies.computeIfAbsent(holder, Tally::new);
            t.bytes += b.reservedBytes();
            t.count++;
            if (holder >= 0 && t.field == null) {
                t.field = fieldTowards(holder, object);
            }
            if (shared) {
                t.shared++;
            }
        }
        int[] holders = tallies.keySet().stream().filter(h -> h >= 0).mapToInt(Integer::intValue).toArray();
        long[][] retained = dom.retained(holders, g::shallowSize, reserved); // rows in the tallies' order
        int k = 0;
        List<Retainer> result = new ArrayList<>();
        for (Tally t : tallies.values()) {
            if (t.holder < 0) {
                result.add(new Retainer(0, SEVERAL_ROOTS, false, null, 0, t.bytes, t.count, t.shared, "several", List.of(), 0));
                continue;
            }
            RootKind root = rootKinds.get(rootOf(t.holder));
            result.add(new Retainer(g.id(t.holder), g.classOf(t.holder).name(), g.kind(t.holder) == ObjectKind.CLASS,
                    t.field, retained[1][k], t.bytes, t.count, t.shared, root == null ? "unknown" : root.description(),
                    reach.path(t.holder), retained[0][k++]));
        }
        result.sort(Comparator.comparingLong(Retainer::attributedBytes).reversed());
        return result;
    }

    /** Climbs from {@code d} past plumbing; returns an object or {@link DominatorTree#VIRTUAL_ROOT}. */
    private int firstHolder(int d) {
        while (d >= 0 && isPlumbing(d)) {
            d = dom.idom(d);
        }
        return d;
    }

    /**
     * Lifts holders to where many of the same kind accumulate: while two or more holders of one class hang
     * below the same next holder (sessions in a registry's map), that holder is the one to name.
     */
    private Map<Integer, Integer> accumulationPoints(java.util.Collection<Integer> firstHolders) {
        Map<Integer, Integer> lifted = new HashMap<>();
        for (int h : firstHolders) {
            lifted.put(h, h);
        }
        for (int level = 0; level < MAX_LIFTS; level++) {
            Map<Long, Integer> siblings = new HashMap<>();
            java.util.Set<Integer> current = new java.util.HashSet<>(lifted.values());
            for (int h : current) {
                int above = above(h);
                if (above >= 0) {
                    siblings.merge(((long) above << 32) | g.classNumberOf(h), 1, Integer::sum);
                }
            }
            boolean changed = false;
            for (Map.Entry<Integer, Integer> e : lifted.entrySet()) {
                int h = e.getValue();
                int above = above(h);
                if (above >= 0 && siblings.getOrDefault(((long) above << 32) | g.classNumberOf(h), 0) >= 2) {
                    e.setValue(above);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return lifted;
    }

    private static final int MAX_LIFTS = 8;

    /** The next holder above {@code h} on the dominator tree, or -1 if that is a thread, a loader or the roots. */
    private int above(int h) {
        if (h < 0) {
            return -1;
        }
        int a = firstHolder(dom.idom(h));
        return a < 0 || isGeneric(a) ? -1 : a;
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
                || name.startsWith("java.nio.") || name.startsWith("java.lang.ref.");
    }

    /** Holders too general to name when something more specific holds the memory. */
    private boolean isGeneric(int o) {
        if (g.kind(o) != ObjectKind.INSTANCE) {
            return false;
        }
        var c = g.classOf(o);
        return g.isSubclassOf(c, "java.lang.Thread") || g.isSubclassOf(c, "java.lang.ClassLoader")
                || g.isSubclassOf(c, "java.lang.ThreadGroup");
    }

    /** The first non-plumbing object on the buffer's shortest path from a root: its most direct holder. */
    private int nearestHolderOnPath(int object) {
        int p = reach.parent(object);
        while (p >= 0 && isPlumbing(p)) {
            p = reach.parent(p);
        }
        return p >= 0 ? p : DominatorTree.VIRTUAL_ROOT;
    }

    private int rootOf(int o) {
        int cur = o;
        while (reach.parent(cur) >= 0) {
            cur = reach.parent(cur);
        }
        return cur;
    }

    /** The holder's field on the shortest path down to the buffer (which passes through its dominator). */
    private String fieldTowards(int holder, int buffer) {
        int child = buffer;
        for (int p = reach.parent(buffer); p >= 0; p = reach.parent(p)) {
            if (p == holder) {
                return reach.slot(holder, child);
            }
            child = p;
        }
        return null;
    }
}

package io.offheap.analyzer;

import static io.offheap.analyzer.DominatorTree.UNREACHED;
import static io.offheap.analyzer.DominatorTree.VIRTUAL_ROOT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DominatorTree} on heaps written as HPROF files and read back, against {@link NaiveDominators}
 * (the definition, computed on the heap the test meant rather than on the reader's graph): hundreds of
 * random heaps from fixed seeds, a few heaps whose answers are known by hand, and a chain far deeper than
 * a thread's stack would allow a recursive walk.
 */
class DominatorTreeTest {
    private static final int RANDOM_HEAPS = 400;

    @TempDir
    Path tmp;

    @Test
    void randomHeapsAgreeWithTheDefinition() throws IOException {
        int unreached = 0;
        int virtualRoot = 0;
        int belowAnObject = 0;
        int retainsMany = 0;
        for (long seed = 1; seed <= RANDOM_HEAPS; seed++) {
            Random random = new Random(seed);
            TestHeap heap = randomHeap(random);
            int idSize = random.nextBoolean() ? 4 : 8;
            String what = "seed " + seed + " (" + heap.size() + " objects, " + idSize + "-byte ids)";
            NaiveDominators answers = check(heap, idSize, random, what);
            for (int v = 0; v < heap.size(); v++) {
                unreached += answers.idom[v] == UNREACHED ? 1 : 0;
                virtualRoot += answers.idom[v] == VIRTUAL_ROOT ? 1 : 0;
                belowAnObject += answers.idom[v] >= 0 ? 1 : 0;
                retainsMany += answers.retained[v] >= 100 ? 1 : 0;
            }
        }
        // The generator must keep making every shape, or agreeing would prove little.
        // (Seeds 1-400 give about 9,300 unreached, 7,400 below the root set, 20,700 below an object, 100 retaining 100 or more.)
        assertTrue(unreached > 3_000 && virtualRoot > 3_000 && belowAnObject > 10_000 && retainsMany > 50,
                unreached + " unreached, " + virtualRoot + " below the root set only, " + belowAnObject
                + " below an object, " + retainsMany + " dominating 100 objects or more");
    }

    /** top reaches bottom two ways, so it is top, not left or right, that keeps bottom alive. */
    @Test
    void diamond() throws IOException {
        TestHeap h = new TestHeap();
        int node = h.newClass(-1, 2, 0);
        int top = h.instance(node);
        int left = h.instance(node);
        int right = h.instance(node);
        int bottom = h.instance(node);
        int below = h.instance(node);
        h.set(top, 0, left);
        h.set(top, 1, right);
        h.set(left, 0, bottom);
        h.set(right, 1, bottom);
        h.set(bottom, 0, below);
        h.root(node);
        h.root(top);

        NaiveDominators d = check(h, "diamond");
        assertEquals(VIRTUAL_ROOT, d.idom[top]);
        assertEquals(top, d.idom[left]);
        assertEquals(top, d.idom[right]);
        assertEquals(top, d.idom[bottom]);
        assertEquals(bottom, d.idom[below]);
        assertEquals(5, d.retained[top]);
        assertEquals(2, d.retained[bottom]);
        assertEquals(1, d.retained[left]);
    }

    /** A cache's table of entries, each holding a buffer with its memory: all of it is the cache's alone. */
    @Test
    void cacheHoldingBuffers() throws IOException {
        TestHeap h = new TestHeap();
        int arrayClass = h.newClass(-1, 0, 0);
        int cacheClass = h.newClass(-1, 1, 0);
        int entryClass = h.newClass(-1, 1, 0);
        int bufferClass = h.newClass(-1, 1, 0);
        int cache = h.instance(cacheClass);
        int table = h.array(arrayClass, 4);
        h.set(cache, 0, table);
        int[] entries = new int[3];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = h.instance(entryClass);
            h.set(table, i, entries[i]); // the last slot stays null
            int buffer = h.instance(bufferClass);
            h.set(entries[i], 0, buffer);
            h.set(buffer, 0, h.bytes());
        }
        for (int c : new int[] {arrayClass, cacheClass, entryClass, bufferClass}) {
            h.root(c);
        }
        h.root(cache);

        NaiveDominators d = check(h, "cache");
        assertEquals(cache, d.idom[table]);
        for (int entry : entries) {
            assertEquals(table, d.idom[entry]);
        }
        assertEquals(2 + 3 * 3, d.retained[cache], "the cache, its table and three entries with buffer and memory");
        assertEquals(3, d.retained[entries[0]]);
    }

    /** A and B share one object: neither alone keeps it, their parent does. */
    @Test
    void twoHoldersSharingOneObject() throws IOException {
        TestHeap h = new TestHeap();
        int parentClass = h.newClass(-1, 2, 0);
        int holderClass = h.newClass(-1, 2, 0);
        int parent = h.instance(parentClass);
        int a = h.instance(holderClass);
        int b = h.instance(holderClass);
        int shared = h.bytes();
        h.set(parent, 0, a);
        h.set(parent, 1, b);
        h.set(a, 0, h.bytes());
        h.set(b, 0, h.bytes());
        h.set(a, 1, shared);
        h.set(b, 1, shared);
        h.root(parentClass);
        h.root(holderClass);
        h.root(parent);

        NaiveDominators d = check(h, "shared");
        assertEquals(parent, d.idom[shared]);
        assertEquals(2, d.retained[a], "A and its own byte[]");
        assertEquals(2, d.retained[b]);
        assertEquals(6, d.retained[parent]);
    }

    /**
     * Reachable from two roots, or rooted and referenced, or rooted twice: dominated by the root set
     * alone. Not rooted at all: unreached, and retained() leaves its value as it was.
     */
    @Test
    void reachableThroughTwoRoots() throws IOException {
        TestHeap h = new TestHeap();
        int k = h.newClass(-1, 1, 0);
        int x = h.instance(k);
        int y = h.instance(k);
        int s = h.instance(k);
        int t = h.bytes();
        h.set(x, 0, s);
        h.set(y, 0, s);
        h.set(s, 0, t);
        int twice = h.instance(k);
        h.set(twice, 0, x);
        int island = h.instance(k);
        h.set(island, 0, island);
        h.root(k);
        h.root(x);
        h.root(y);
        h.root(twice);
        h.root(twice);

        NaiveDominators d = check(h, "two roots");
        assertEquals(VIRTUAL_ROOT, d.idom[s]);
        assertEquals(s, d.idom[t]);
        assertEquals(VIRTUAL_ROOT, d.idom[x], "rooted, and referenced by another rooted object");
        assertEquals(VIRTUAL_ROOT, d.idom[twice]);
        assertEquals(1, d.retained[twice]);
        assertEquals(UNREACHED, d.idom[island]);
        assertEquals(1, d.retained[island]);
    }

    /** No GC root at all: nothing is reached, not even an object that references itself. */
    @Test
    void noRoots() throws IOException {
        TestHeap h = new TestHeap();
        int k = h.newClass(-1, 1, 0);
        int loop = h.instance(k);
        h.set(loop, 0, loop);

        NaiveDominators d = check(h, "no roots");
        assertEquals(UNREACHED, d.idom[loop]);
        assertEquals(UNREACHED, d.idom[k]);
    }

    /** An instance or array keeps its class alive, and a class what its statics hold. */
    @Test
    void classesAndTheirStatics() throws IOException {
        TestHeap h = new TestHeap();
        int k = h.newClass(-1, 0, 1);
        int instance = h.instance(k);
        int held = h.bytes();
        h.set(k, 0, held);
        int unused = h.newClass(k, 0, 0);
        int arrayClass = h.newClass(-1, 0, 0);
        int array = h.array(arrayClass, 0);
        h.root(instance);
        h.root(array);

        NaiveDominators d = check(h, "statics");
        assertEquals(instance, d.idom[k]);
        assertEquals(k, d.idom[held]);
        assertEquals(3, d.retained[instance]);
        assertEquals(array, d.idom[arrayClass]);
        assertEquals(UNREACHED, d.idom[unused], "a subclass is not kept alive by its superclass");
    }

    /**
     * 50,000 links through instances, object arrays and class statics, each link also pointing back
     * (a cycle, or itself): back edges never bypass a link, so each link's idom is the one before it.
     * Too big for the naive algorithm; deep enough that a recursive walk would overflow the stack.
     */
    @Test
    void longChainWithBackEdges() throws IOException {
        Random random = new Random(42);
        TestHeap h = new TestHeap();
        int arrayClass = h.newClass(-1, 0, 0);
        int linkClass = h.newClass(-1, 2, 0);
        h.root(arrayClass);
        h.root(linkClass);
        int length = 50_000;
        int[] chain = new int[length];
        for (int p = 0; p < length; p++) {
            chain[p] = switch (p % 10) {
                case 8 -> h.array(arrayClass, 2);
                case 9 -> h.newClass(-1, 0, 1);
                default -> h.instance(linkClass);
            };
        }
        for (int p = 0; p < length; p++) {
            h.set(chain[p], 0, chain[(p + 1) % length]);
            if (h.slotCount(chain[p]) > 1) {
                h.set(chain[p], 1, chain[random.nextInt(p + 1)]);
            }
        }
        h.root(chain[0]);

        TestHeap.Dump dump = h.dump(tmp.resolve("chain.hprof"), 8, random);
        DominatorTree tree = DominatorTree.of(dump.graph());
        int[] idom = idoms(dump, tree);
        long[] retained = retainedOnes(dump, tree, random)[0];
        assertEquals(VIRTUAL_ROOT, idom[chain[0]]);
        for (int p = 1; p < length; p++) {
            int link = p;
            assertEquals(chain[p - 1], idom[chain[p]], () -> "idom of link " + link);
            assertEquals(length - p, retained[chain[p]], () -> "retained by link " + link);
        }
    }

    private NaiveDominators check(TestHeap heap, String what) throws IOException {
        return check(heap, 8, new Random(0), what);
    }

    /**
     * Writes and reads the heap, and asserts that the tree's idom and retained() of all ones agree with the
     * naive answers for every object. Returns the answers both agree on, in the heap's own numbers, for the
     * hand-made heaps to hold against what they know.
     */
    private NaiveDominators check(TestHeap heap, int idSize, Random random, String what) throws IOException {
        NaiveDominators expected = NaiveDominators.of(heap.successors(), heap.roots());
        TestHeap.Dump dump = heap.dump(tmp.resolve("heap.hprof"), idSize, random);
        DominatorTree tree = DominatorTree.of(dump.graph());
        int[] idom = idoms(dump, tree);
        long[][] retained = retainedOnes(dump, tree, random);
        for (int v = 0; v < heap.size(); v++) {
            int object = v;
            assertEquals(expected.idom[v], idom[v], () -> what + ": idom of " + describe(heap, object));
        }
        for (int v = 0; v < heap.size(); v++) {
            int object = v;
            assertEquals(expected.retained[v], retained[0][v], () -> what + ": retained by " + describe(heap, object));
            if (retained[1][v] >= 0) {
                assertEquals(expected.retained[v], retained[1][v], () -> what + ": retained by " + describe(heap, object)
                        + " among half the objects");
            }
        }
        return expected;
    }

    /** The tree's idom of every object of the heap, translated back into the heap's numbers. */
    private static int[] idoms(TestHeap.Dump dump, DominatorTree tree) {
        int[] objectAt = new int[dump.index().length];
        for (int v = 0; v < objectAt.length; v++) {
            objectAt[dump.index()[v]] = v;
        }
        int[] idom = new int[objectAt.length];
        for (int v = 0; v < idom.length; v++) {
            int d = tree.idom(dump.index()[v]);
            idom[v] = d >= 0 ? objectAt[d] : d;
        }
        return idom;
    }

    /**
     * retained() of a value of one per object, given both ways (to every object, and as sparse values), per
     * object of the heap: how many objects each keeps alive. Asked twice: for every object, in shuffled order,
     * and for a random half of them (nested holders must not lend each other what they keep); -1 for objects
     * not asked about.
     */
    private static long[][] retainedOnes(TestHeap.Dump dump, DominatorTree tree, Random random) {
        int n = dump.graph().objectCount();
        List<Integer> shuffled = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(shuffled, random);
        int[] all = shuffled.stream().mapToInt(Integer::intValue).toArray();
        int[] half = Arrays.copyOf(all, n / 2);
        Map<Integer, Long> ones = new HashMap<>();
        for (int o : all) {
            ones.put(o, 1L);
        }
        return new long[][] {retainedOnes(dump, tree, all, ones), retainedOnes(dump, tree, half, ones)};
    }

    private static long[] retainedOnes(TestHeap.Dump dump, DominatorTree tree, int[] holders, Map<Integer, Long> ones) {
        long[][] sums = tree.retained(holders, o -> 1, ones);
        assertArrayEquals(sums[0], sums[1], "dense and sparse values sum alike");
        long[] byObject = new long[dump.graph().objectCount()];
        Arrays.fill(byObject, -1);
        for (int k = 0; k < holders.length; k++) {
            byObject[holders[k]] = sums[0][k];
        }
        long[] retained = new long[dump.index().length];
        for (int v = 0; v < retained.length; v++) {
            retained[v] = byObject[dump.index()[v]];
        }
        return retained;
    }

    private static String describe(TestHeap heap, int object) {
        return "object " + object + " (" + heap.kind(object) + ")";
    }

    /**
     * A random heap: from a few objects to a few thousand, a few classes (some extending others) with
     * reference fields and statics, instances, object arrays and byte arrays. First a spanning forest: each
     * object goes into a free slot of an earlier one, the latest (long chains, deep trees) or any (bushy
     * trees), or into none (an island, rooted or not). Then some free slots get a reference to any object
     * (diamonds, cycles, shortcuts) or to their own object; the rest stay null. Proportions are drawn per heap.
     */
    private static TestHeap randomHeap(Random random) {
        int pick = random.nextInt(50);
        int size = pick == 0 ? 1_000 + random.nextInt(2_000) : pick < 8 ? 40 + random.nextInt(400) : 3 + random.nextInt(40);
        TestHeap h = new TestHeap();
        int[] classes = new int[1 + random.nextInt(4)];
        for (int c = 0; c < classes.length; c++) {
            int superclass = c > 0 && random.nextBoolean() ? classes[random.nextInt(c)] : -1;
            classes[c] = h.newClass(superclass, random.nextInt(4), random.nextInt(3));
        }
        int arrayClass = h.newClass(-1, 0, random.nextInt(3)); // not object 0, which is always rooted
        while (h.size() < size) {
            int kind = random.nextInt(10);
            if (kind < 7) {
                h.instance(classes[random.nextInt(classes.length)]);
            } else if (kind < 9) {
                h.array(arrayClass, random.nextInt(6));
            } else {
                h.bytes();
            }
        }
        int n = h.size();
        double latest = random.nextDouble();
        double detached = random.nextDouble() * 0.2;
        double shortcuts = random.nextDouble() * 0.5;

        int[] used = new int[n];
        List<Integer> open = new ArrayList<>(); // objects with a free slot
        h.root(0);
        for (int v = 0; v < n; v++) {
            if (v > 0 && (open.isEmpty() || random.nextDouble() < detached)) {
                if (random.nextBoolean()) {
                    h.root(v);
                }
            } else if (v > 0) {
                int at = random.nextDouble() < latest ? open.size() - 1 : random.nextInt(open.size());
                int parent = open.get(at);
                h.set(parent, used[parent]++, v);
                if (used[parent] == h.slotCount(parent)) {
                    open.remove(at);
                }
            }
            if (h.slotCount(v) > 0) {
                open.add(v);
            }
        }
        for (int v = 0; v < n; v++) {
            for (int s = used[v]; s < h.slotCount(v); s++) {
                if (random.nextDouble() < shortcuts) {
                    h.set(v, s, random.nextInt(30) == 0 ? v : random.nextInt(n));
                }
            }
        }
        for (int c : classes) {
            if (random.nextInt(5) == 0) {
                h.loader(c, random.nextInt(n));
            }
        }
        for (int r = random.nextInt(3); r > 0; r--) {
            h.root(random.nextInt(n));
        }
        if (random.nextInt(3) == 0) {
            int[] roots = h.roots();
            h.root(roots[random.nextInt(roots.length)]);
        }
        return h;
    }
}

package io.offheap.analyzer;

import io.offheap.hprof.Field;
import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.ObjectKind;
import io.offheap.samples.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Garbage, by its definition: what no path from a GC root reaches, a Reference's referent counted as a step. */
class ReachabilityTest {
    @ParameterizedTest
    @ValueSource(strings = {"generated/jdk17-all.hprof.gz", "generated/jdk25-all.hprof.gz", "generated/jdk17-live.hprof.gz",
            "eclipse-mat/openjdk_jdk11_04_x64.hprof.gz", "hprof-cpp/test1.hprof"})
    void garbageIsWhatNoPathReachesReferentsIncluded(String file) throws IOException {
        HeapGraph g = Analyses.read(Corpus.hprof(file));
        long expected = unreachedCountingReferents(g);
        assertEquals(expected, Reachability.of(g).garbageCount(), file);
        if (file.endsWith("-all.hprof.gz")) {
            assertTrue(expected > 1000, "a dump with its garbage has some: " + expected); // the check means something
        }
    }

    /** One search from the roots over every edge, referents too: independent of the analyzer's two steps. */
    private static long unreachedCountingReferents(HeapGraph g) {
        boolean[] seen = new boolean[g.objectCount()];
        Deque<Integer> todo = new ArrayDeque<>();
        for (int r = 0; r < g.rootCount(); r++) {
            todo.push(g.rootObject(r));
        }
        long reached = 0;
        while (!todo.isEmpty()) {
            int o = todo.pop();
            if (o < 0 || seen[o]) {
                continue;
            }
            seen[o] = true;
            reached++;
            for (int e = g.edgeStart(o); e < g.edgeEnd(o); e++) {
                todo.push(g.edgeTarget(e));
            }
            todo.push(g.classEdge(o));
            Field referent = g.field(g.classOf(o), Reachability.REFERENCE, "referent");
            if (referent != null && g.kind(o) == ObjectKind.INSTANCE && g.hasFields(o)) {
                todo.push(g.indexOf(g.value(o, referent)));
            }
        }
        return g.objectCount() - reached;
    }
}

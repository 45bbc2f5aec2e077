package io.offheap.gclog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every file of the shared GC log corpus is either read into a history that matches its text or refused. */
class CorpusTest {

    /**
     * Files the history is known to be short for, each with the warning that must say so. SOURCES.md
     * calls full_concurrent_mark_failure.log "a corrupted G1 log": its Full GC record is cut off.
     */
    private static final Map<String, String> INCOMPLETE = Map.of(
            "full_concurrent_mark_failure.log", "1 full collection line(s) but 0 full collection(s) were parsed");

    /** Files GCViewer 1.36 parses nothing from; their records come from the text, without sizes. */
    private static final List<String> WITHOUT_SIZES = List.of("SampleSun1_3_1_19SunOS.txt", "SampleSun1_8_0G1HumongousMixed.txt");

    @TestFactory
    Stream<DynamicTest> everyCorpusFile() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : Corpus.all()) {
            String name = f.getFileName().toString();
            String rel = Corpus.root().relativize(f).toString();
            if (name.equals("SOURCES.md") || name.endsWith(".sh")) {
                continue; // documentation and the generator script, not logs
            }
            if (rel.startsWith("gcviewer/ibm/")) {
                tests.add(DynamicTest.dynamicTest(rel, () -> refused(f, ": line 1: IBM J9 verbose GC XML is not a HotSpot GC log")));
            } else if (name.endsWith(".stdout-stderr.txt") || name.endsWith(".java")) {
                // program output and the generator's source: text without a single GC line
                tests.add(DynamicTest.dynamicTest(rel, () -> refused(f, "not a HotSpot GC log")));
            } else {
                tests.add(DynamicTest.dynamicTest(rel, () -> parsed(f)));
            }
        }
        assertTrue(tests.size() > 190, "corpus looks incomplete: " + tests.size());
        return tests.stream();
    }

    private static void refused(Path f, String reason) {
        GcLogException e = assertThrows(GcLogException.class, () -> GcLogReader.read(List.of(f)));
        assertTrue(e.getMessage().startsWith(f.toString() + ": line "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private static void parsed(Path f) throws Exception {
        GcHistory h = GcLogReader.read(List.of(f));
        String name = f.getFileName().toString();
        List<String> lines = Corpus.lines(f);
        assertTrue(h.collector() != Collector.UNKNOWN || h.jvmVersion() != null || !h.events().isEmpty()
                || !h.layouts().isEmpty(), "empty history for " + f);

        boolean unified = Corpus.unified(lines);
        int full = unified ? Corpus.unifiedFull(lines) : Corpus.legacyFull(lines);
        if (INCOMPLETE.containsKey(name)) {
            assertTrue(h.warnings().stream().anyMatch(w -> w.startsWith(f.toString()) && w.contains(INCOMPLETE.get(name))),
                    h.warnings().toString());
            return;
        }
        assertEquals(full, h.fullCollections().size(), "full collections of " + f);
        if (unified) {
            assertEquals(Corpus.unifiedYoung(lines), h.youngCollections().size(), "young collections of " + f);
        } else if (youngOnly(lines)) {
            int foreground = full - Corpus.occurrences(lines, "Full GC");
            assertEquals(Corpus.occurrences(lines, "[GC") - foreground, h.youngCollections().size(), "young collections of " + f);
        }
        if (WITHOUT_SIZES.contains(name)) {
            assertTrue(h.warnings().stream().anyMatch(w -> w.startsWith(f.toString()) && w.contains("without heap sizes")),
                    h.warnings().toString());
        }
        // whatever the model says, it agrees with the raw count or a warning names the file
        boolean agrees = h.counts().fullCollections() == h.fullCollections().size()
                && h.counts().youngCollections() == h.youngCollections().size()
                && h.counts().concurrentCycles() == h.concurrentCycles().size();
        assertTrue(agrees || h.warnings().stream().anyMatch(w -> w.startsWith(f.toString())), h.warnings().toString());
        for (int i = 1; i < h.events().size(); i++) {
            assertFalse(h.events().get(i).uptimeSeconds() < h.events().get(i - 1).uptimeSeconds(), "time order in " + f);
        }
    }

    /** Serial and Parallel pre-unified logs, where every "[GC" record is a young collection. */
    private static boolean youngOnly(List<String> lines) {
        return (Corpus.occurrences(lines, "PSYoungGen") > 0 || Corpus.occurrences(lines, "DefNew") > 0)
                && Corpus.occurrences(lines, "CMS") == 0 && Corpus.occurrences(lines, "[GC pause") == 0;
    }
}

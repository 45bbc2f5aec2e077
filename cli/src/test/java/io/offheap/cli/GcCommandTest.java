package io.offheap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offheap.samples.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code offheap gc} and {@code analyze --gc-log} as a user runs them. */
class GcCommandTest {
    private static final Path OOM_LEAK = Corpus.gclogs("generated/jdk17/g1-oomleak-MaxDirect64m.gcstar.time-uptime-level-tags.log");

    @Test
    void gcLogsAloneGiveTheSummaryAndFindings(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("gc.json");
        Cli r = Cli.run("gc", OOM_LEAK.toString(), "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("G1 collector"), r.out());
        assertTrue(r.out().contains("explicit-gc-storm"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("offheap/1", j.get("schema").asText());
        long explicit = Files.readAllLines(OOM_LEAK).stream().filter(l -> l.matches(".*Pause Full \\(System\\.gc\\(\\)\\) \\d+M->.*")).count();
        assertEquals(explicit, j.at("/gc/fullCollections").asLong());
        for (String field : new String[]{"collector", "events", "youngCollections", "fullCollections", "concurrentCycles",
                "explicitGcCalls", "lastOldCollectionBeforeDump", "flags"}) {
            assertTrue(j.get("gc").has(field), "gc." + field);
        }
        assertTrue(j.get("findings").size() > 0);
        assertFalse(j.has("buffers"), "no dump, no buffers");
    }

    @Test
    void foreignLogsAreRefusedInOneLine() {
        Path ibm = Corpus.gclogs("gcviewer/ibm/SampleIBMJ9_R28_af_global.txt");
        Cli r = Cli.run("gc", ibm.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(ibm.toString()) && r.err().contains("IBM J9"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void analyzeWithGcLogPlacesGenerations(@TempDir Path dir) throws Exception {
        Path dump = Corpus.hprof("generated/jdk17-all.hprof.gz");
        Cli missing = Cli.run("analyze", dump.toString(), "--gc-log", dir.resolve("gone.log").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("gone.log: no such file"), missing.err());

        Cli dumpAsLog = Cli.run("analyze", dump.toString(), "--gc-log", dump.toString());
        assertEquals(1, dumpAsLog.exitCode());
        assertTrue(dumpAsLog.err().contains("heap dump (HPROF) is not a GC log"), dumpAsLog.err());
    }

    @Test
    void usageErrors() {
        assertEquals(2, Cli.run("gc").exitCode());
        assertEquals(2, Cli.run("gc", OOM_LEAK.toString(), "--json", OOM_LEAK.toString()).exitCode());
    }
}

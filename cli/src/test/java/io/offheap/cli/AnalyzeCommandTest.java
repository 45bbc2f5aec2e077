package io.offheap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offheap.samples.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code offheap analyze} as a user runs it: output, JSON contract, exit codes and error messages. */
class AnalyzeCommandTest {
    private static final Path ALL17 = Corpus.hprof("generated/jdk17-all.hprof.gz");

    @Test
    void writesSummaryAndJsonContract(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");
        Cli r = Cli.run("analyze", ALL17.toString(), "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Verdict: "), r.out());
        assertTrue(r.out().contains("awaiting-gc"), r.out());

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("offheap/1", j.get("schema").asText());
        assertEquals("JAVA PROFILE 1.0.2", j.at("/dump/format").asText());
        assertEquals(8, j.at("/dump/idSize").asInt());
        assertFalse(j.at("/dump/truncated").asBoolean());
        // generated/jdk17-expected.txt: dropped allocateDirect capacities 2097155 and 123457.
        assertEquals(2097155 + 123457, j.at("/totals/awaitingGcBytes").asLong());
        for (String field : new String[]{"buffers", "owners", "views", "unowned", "mapped", "liveBytes",
                "awaitingGcBytes", "freedBytes", "unownedBytes", "mappedBytes"}) {
            assertTrue(j.get("totals").has(field), "totals." + field);
        }
        for (String field : new String[]{"reservedMemory", "totalCapacity", "count", "maxDirectMemory"}) {
            assertTrue(j.get("accounting").has(field), "accounting." + field);
        }
        JsonNode buffer = j.get("buffers").get(0);
        for (String field : new String[]{"id", "class", "capacity", "address", "kind", "state", "owner", "generation", "retainer"}) {
            assertTrue(buffer.has(field), "buffers[]." + field);
        }
        assertTrue(buffer.get("id").asText().startsWith("0x"));
        JsonNode retainer = j.get("retainers").get(0);
        for (String field : new String[]{"id", "class", "retainedBytes", "buffers", "path"}) {
            assertTrue(retainer.has(field), "retainers[]." + field);
        }
        assertTrue(j.get("findings").size() > 0);
        assertFalse(j.get("verdict").asText().isBlank());
    }

    @Test
    void aReportThatCannotBeWrittenFailsAloneAndTheOtherIsStillWritten(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Path json = notADirectory.resolve("report.json");
        Path html = dir.resolve("report.html");
        Cli r = Cli.run("analyze", ALL17.toString(), "--json", json.toString(), "--html", html.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains(json + ": cannot write the JSON report"), r.err());
        assertTrue(r.err().contains("HTML report written to " + html), r.err());
        assertTrue(Files.readString(html).contains("</html>"), "the HTML report is whole");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("file", "report.html"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void failOnTurnsFindingsIntoExitCodeThree() {
        assertEquals(3, Cli.run("analyze", ALL17.toString(), "--fail-on", "warning").exitCode());
        assertEquals(3, Cli.run("analyze", ALL17.toString(), "--fail-on", "info").exitCode());
        assertEquals(0, Cli.run("analyze", ALL17.toString(), "--fail-on", "critical").exitCode());
    }

    @Test
    void corruptDumpFailsWithOneLineNamingTheOffset() {
        Path corrupt = Corpus.hprof("visualvm/small_heap.spellfix-amount.bin");
        Cli r = Cli.run("analyze", corrupt.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(corrupt.toString()) && r.err().contains("1,057,472") && r.err().contains("0x65"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
        assertTrue(Cli.run("analyze", corrupt.toString(), "--debug").err().contains("\tat "), "--debug adds it");
    }

    @Test
    void missingAndNonDumpInputsExitOne(@TempDir Path dir) throws Exception {
        Cli missing = Cli.run("analyze", dir.resolve("nope.hprof").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nope.hprof: no such file"), missing.err());

        Path log = Corpus.gclogs("generated/jdk17/parallel-churn.gc.default-deco.log");
        Cli notADump = Cli.run("analyze", log.toString());
        assertEquals(1, notADump.exitCode());
        assertTrue(notADump.err().contains("not an HPROF heap dump"), notADump.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run().exitCode());
        assertEquals(2, Cli.run("frobnicate").exitCode());
        assertEquals(2, Cli.run("analyze").exitCode());
        assertEquals(2, Cli.run("analyze", ALL17.toString(), ALL17.toString()).exitCode());
        assertEquals(2, Cli.run("analyze", ALL17.toString(), "--fail-on", "severe").exitCode());
        assertEquals(2, Cli.run("analyze", ALL17.toString(), "--no-such-option").exitCode());
    }

    @Test
    void refusesToWriteTheReportOverTheDump(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("copy.hprof.gz");
        Files.copy(ALL17, dump);
        byte[] before = Files.readAllBytes(dump);
        Cli r = Cli.run("analyze", dump.toString(), "--json", dump.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("is one of the inputs"), r.err());
        assertArrayEquals(before, Files.readAllBytes(dump));
    }

    @Test
    void truncatedDumpIsAnalysedAsFarAsItGoes(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.hprof");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ALL17)); OutputStream out = Files.newOutputStream(whole)) {
            in.transferTo(out);
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.hprof");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Path json = dir.resolve("cut.json");
        Cli r = Cli.run("analyze", cut.toString(), "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("truncated"), r.err());
        assertTrue(r.out().contains("TRUNCATED"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertTrue(j.at("/dump/truncated").asBoolean());
        assertTrue(j.at("/dump/bytesRead").asLong() <= bytes.length * 2L / 3);
    }
}

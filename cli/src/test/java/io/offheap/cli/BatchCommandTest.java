package io.offheap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offheap.samples.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code offheap batch} over the corpus and over directories made for the test. */
class BatchCommandTest {
    private static final List<String> SEVERITY_ORDER = List.of("critical", "warning", "info", "");
    private static final Path ALL17 = Corpus.hprof("generated/jdk17-all.hprof.gz");

    @Test
    void corpusGivesOneOutcomePerDumpAndGoesOnPastTheCorruptOne(@TempDir Path out) throws Exception {
        Path corpus = Corpus.root().resolve("hprof");
        Cli r = Cli.run("batch", corpus.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());

        // SOURCES.md: every .hprof and .hprof.gz is a dump, and so are the two .bin files (jhat's and VisualVM's).
        Set<String> expected = new HashSet<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            files.filter(Files::isRegularFile).map(Path::toString)
                    .filter(p -> p.endsWith(".hprof") || p.endsWith(".hprof.gz") || p.endsWith(".bin")).forEach(expected::add);
        }
        JsonNode batch = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("batch");
        List<String> seen = new ArrayList<>();
        batch.get("dumps").forEach(d -> seen.add(d.get("path").asText()));
        assertEquals(expected, new HashSet<>(seen), "one outcome per dump, nothing else");
        assertEquals(expected.size(), seen.size(), "each once");

        String corrupt = corpus.resolve("visualvm/small_heap.spellfix-amount.bin").toString();
        String lastSeverity = "critical";
        for (JsonNode d : batch.get("dumps")) {
            if (d.get("path").asText().equals(corrupt)) {
                assertEquals("failed", d.get("status").asText());
                assertTrue(d.get("error").asText().contains("corrupt at byte 1,057,472"), d.toString());
                continue;
            }
            assertEquals("analysed", d.get("status").asText(), d.toString());
            JsonNode report = new ObjectMapper().readTree(out.resolve(d.get("json").asText()).toFile());
            assertEquals(d.get("path").asText(), report.at("/dump/path").asText());
            assertEquals(report.at("/totals/liveBytes").asLong(), d.get("liveBytes").asLong());
            if (!d.get("html").isNull()) {
                assertTrue(Files.isRegularFile(out.resolve(d.get("html").asText())));
            }
            String severity = d.get("worstSeverity").isNull() ? "" : d.get("worstSeverity").asText();
            assertTrue(SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(lastSeverity), "worst first: " + seen);
            lastSeverity = severity;
        }
        assertEquals(expected.size() - 1, batch.get("analysed").asInt());
        assertEquals(1, batch.get("failed").asInt());
        String index = Files.readString(out.resolve("index.html"));
        for (JsonNode d : batch.get("dumps")) {
            if (d.get("status").asText().equals("analysed")) {
                assertTrue(index.contains("href=\"./" + d.get("json").asText() + "\""), d.get("json").asText());
            }
        }
        assertTrue(r.out().contains("1 could not be analysed") && r.out().contains(corrupt), r.out());
    }

    @Test
    void exitCodes(@TempDir Path dir) throws Exception {
        assertEquals(3, Cli.run("batch", ALL17.toString(), "--out", dir.resolve("a").toString(), "--fail-on", "warning").exitCode());
        assertEquals(0, Cli.run("batch", ALL17.toString(), "--out", dir.resolve("b").toString(), "--fail-on", "critical").exitCode());

        Path corrupt = Corpus.hprof("visualvm/small_heap.spellfix-amount.bin");
        assertEquals(1, Cli.run("batch", corrupt.toString(), "--out", dir.resolve("c").toString()).exitCode(), "nothing analysed");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Cli none = Cli.run("batch", empty.toString(), "--out", dir.resolve("d").toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("no heap dump found"), none.err());
        assertTrue(Files.isRegularFile(dir.resolve("d/summary.json")), "an empty summary all the same");

        assertEquals(2, Cli.run("batch").exitCode());
        assertEquals(2, Cli.run("batch", ALL17.toString()).exitCode(), "--out is required");
        assertEquals(2, Cli.run("batch", ALL17.toString(), "--out", dir.toString(), "--fail-on", "severe").exitCode());
        assertEquals(1, Cli.run("batch", ALL17.toString(), "--out", dir.toString(), "--gc-logs", ALL17.toString()).exitCode());
    }

    @Test
    void gcLogsNamedAfterTheDumpAreUsed(@TempDir Path dir) throws Exception {
        Path dumps = Files.createDirectory(dir.resolve("dumps"));
        Path logs = Files.createDirectory(dir.resolve("logs"));
        copyResource(DemoCommand.DUMP, dumps.resolve("app.hprof.gz"));
        copyResource(DemoCommand.GC_LOG, dumps.resolve("app.gc.log"));
        copyResource(DemoCommand.DUMP, dumps.resolve("other.hprof.gz"));
        copyResource(DemoCommand.GC_LOG, logs.resolve("other.log"));
        copyResource(DemoCommand.DUMP, dumps.resolve("broken.hprof.gz"));
        Files.copy(Corpus.gclogs("gcviewer/ibm/SampleIBMJ9_R28_af_global.txt"), dumps.resolve("broken.log")); // refused: IBM J9
        copyResource(DemoCommand.DUMP, dumps.resolve("alone.hprof.gz"));

        Path out = dir.resolve("out");
        Cli r = Cli.run("batch", dumps.toString(), "--out", out.toString(), "--gc-logs", logs.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode batch = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("batch");
        assertEquals(4, batch.get("analysed").asInt());
        for (JsonNode d : batch.get("dumps")) {
            String name = Path.of(d.get("path").asText()).getFileName().toString();
            JsonNode report = new ObjectMapper().readTree(out.resolve(d.get("json").asText()).toFile());
            switch (name) {
                case "app.hprof.gz" -> assertEquals(dumps.resolve("app.gc.log").toString(), d.at("/gcLogs/0").asText());
                case "other.hprof.gz" -> assertEquals(logs.resolve("other.log").toString(), d.at("/gcLogs/0").asText());
                case "broken.hprof.gz" -> {
                    assertTrue(d.at("/warnings/0").asText().contains("GC logs not used"), d.toString());
                    assertTrue(report.get("gc").isNull());
                }
                default -> assertEquals(0, d.get("gcLogs").size(), d.toString());
            }
            if (name.startsWith("app") || name.startsWith("other")) {
                assertFalse(report.get("gc").isNull(), name + " was analysed with its GC log");
                assertEquals("PARALLEL", report.at("/gc/collector").asText(), "the demo ran with -XX:+UseParallelGC");
            }
        }
    }

    @Test
    void globsSameNamesAndHostileFileNames(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("host-a"));
        Path b = Files.createDirectories(dir.resolve("host-b"));
        Files.copy(ALL17, a.resolve("heap.hprof.gz"));
        Files.copy(ALL17, b.resolve("heap.hprof.gz"));
        Files.writeString(a.resolve("notes.txt"), "not a dump");
        String hostile = "x<img src=y onerror=\"pwned=9\">\u001b[2J.hprof";
        Files.copy(ALL17, b.resolve(hostile));

        Path out = dir.resolve("out");
        Cli r = Cli.run("batch", dir + "/host-*/*", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode batch = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("batch");
        assertEquals(3, batch.get("dumps").size(), "the glob's dumps, not notes.txt");
        Set<String> reports = new HashSet<>();
        batch.get("dumps").forEach(d -> reports.add(d.get("json").asText()));
        assertTrue(reports.containsAll(List.of("heap.json", "heap-2.json")), reports.toString());
        assertTrue(reports.stream().allMatch(n -> n.matches("[A-Za-z0-9._-]+")), reports.toString());

        String index = Files.readString(out.resolve("index.html"));
        assertFalse(index.contains("<img src=y"), "file names are escaped");
        assertTrue(index.contains("x&lt;img src=y"), "and shown");
        assertEquals(-1, r.out().indexOf('\u001b'), "and neutralised on the terminal");
    }

    private static void copyResource(String resource, Path target) throws Exception {
        try (InputStream in = BatchCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}

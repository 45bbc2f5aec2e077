package io.offheap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar, run as a separate process the way a user or a pipeline runs it. */
class OffheapJarIT {
    private static final Path JAR = Path.of(System.getProperty("offheap.root"), "cli/target/offheap.jar");

    @Test
    void demoAnalysesTheBundledDumpAndWritesJson(@TempDir Path cwd) throws Exception {
        Run r = run(cwd, "demo");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Verdict: "), r.out);
        assertTrue(r.out.contains("delayed-reclamation"), r.out);
        assertTrue(r.out.contains("explicit-gc-disabled"), "flags come from the bundled log: " + r.out);
        assertTrue(r.out.contains("old 25.1 MiB"), "generations from the bundled log's heap layout: " + r.out);
        assertFalse(r.err.contains("%"), "no progress bar when output is redirected: " + r.err);

        Properties expected = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/delayed-reclamation.expected.properties")) {
            expected.load(in);
        }
        assertTrue(Files.readString(cwd.resolve("offheap-demo.html")).contains("Content-Security-Policy"), "the HTML report too");
        JsonNode j = new ObjectMapper().readTree(cwd.resolve("offheap-demo.json").toFile());
        assertEquals(Long.parseLong(expected.getProperty("dropped.bytes")), j.at("/totals/awaitingGcBytes").asLong());
        assertEquals(Long.parseLong(expected.getProperty("dropped.count")), j.at("/totals/awaitingGcOwners").asLong());
        assertEquals(Long.parseLong(expected.getProperty("max.direct.memory")), j.at("/accounting/maxDirectMemory").asLong());
        assertEquals(Long.parseLong(expected.getProperty("young.collections")), j.at("/gc/youngCollections").asLong());
        assertEquals(Long.parseLong(expected.getProperty("full.collections")), j.at("/gc/fullCollections").asLong());
    }

    @Test
    void badInputExitsOneWithoutAStackTrace(@TempDir Path cwd) throws Exception {
        Path empty = Files.createFile(cwd.resolve("empty.hprof"));
        Run r = run(cwd, "analyze", empty.toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains("empty.hprof: ") && r.err.contains("the file is empty"), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }

    @Test
    void runningOutOfMemorySaysHowToGiveMore(@TempDir Path cwd) throws Exception {
        Path dump = io.offheap.samples.Corpus.hprof("eclipse-mat/openjdk_jdk11_04_x64.hprof.gz");
        Run r = runWith(cwd, List.of("-Xmx16m"), "analyze", dump.toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains("ran out of memory") && r.err.contains("OFFHEAP_OPTS=-Xmx"), r.err);
        assertFalse(r.err.contains("Exception") || r.err.contains("\tat "), r.err);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Path cwd, String... args) throws Exception {
        return runWith(cwd, List.of(), args);
    }

    private static Run runWith(Path cwd, List<String> jvmArgs, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = cwd.resolve(".stdout");
        Path err = cwd.resolve(".stderr");
        Process p = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("offheap " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}

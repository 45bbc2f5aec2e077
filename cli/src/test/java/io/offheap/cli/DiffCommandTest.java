package io.offheap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offheap.samples.HostileNames;
import io.offheap.samples.Jdk;
import io.offheap.samples.LiveGrowth;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code offheap diff} and {@code offheap trend} as a user runs them, on the three dumps LiveGrowth writes as
 * its registry grows (on the JDK running the tests; the analyzer's tests cover every JDK).
 */
class DiffCommandTest {
    @TempDir
    static Path samples;
    private static SampleResult growth;

    @BeforeAll
    static void runLiveGrowth() {
        Path out = samples.resolve("LiveGrowth");
        growth = SampleRun.run(thisJdk(), LiveGrowth.class, out, LiveGrowth.jvmArgs(out));
    }

    @Test
    void diffShowsWhatTheProgramAddedBetweenTheDumps(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("diff.json");
        Path html = dir.resolve("diff.html");
        Cli r = Cli.run("diff", dump(1), dump(2), "--json", json.toString(), "--html", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        String holder = growth.text("holder.class");
        assertTrue(r.out().contains("Verdict: Live direct memory held by " + holder + "#sessions grew by "), r.out());

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("offheap/1", j.get("schema").asText());
        JsonNode diff = j.get("diff");
        assertEquals(dump(1), diff.at("/older/path").asText());
        assertEquals(dump(2), diff.at("/newer/path").asText());
        assertFalse(diff.at("/older/timestamp").asText().isEmpty());
        long added = growth.bytes("round.2.bytes") - growth.bytes("round.1.bytes");
        for (String side : new String[]{"older", "newer", "delta"}) {
            for (String field : new String[]{"liveBytes", "awaitingGcBytes", "unownedBytes", "mappedBytes"}) {
                assertTrue(diff.at("/totals/" + side).has(field), "totals." + side + "." + field);
            }
        }
        assertEquals(added, diff.at("/totals/delta/liveBytes").asLong());
        JsonNode top = diff.get("retainers").get(0);
        assertEquals(holder, top.get("class").asText());
        assertTrue(top.get("path").isArray());
        assertEquals(growth.bytes("round.1.bytes"), top.get("olderBytes").asLong());
        assertEquals(growth.bytes("round.2.bytes"), top.get("newerBytes").asLong());
        assertEquals(added, top.get("deltaBytes").asLong());
        assertEquals(growth.number("round.1.count"), top.get("olderBuffers").asLong());
        assertEquals(growth.number("round.2.count"), top.get("newerBuffers").asLong());
        assertEquals(growth.bytes("max.direct.memory"), diff.at("/accounting/newer/maxDirectMemory").asLong());
        assertFalse(j.has("trend"), "two dumps: a diff, not a trend");

        String page = Files.readString(html);
        assertTrue(page.contains("LiveGrowth$SessionRegistry#sessions") && page.contains("<svg"), "HTML with the holder and a chart");
    }

    @Test
    void trendGivesEachRetainersSeriesAndRate(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("trend.json");
        Cli r = Cli.run("trend", dump(1), dump(2), dump(3), "--json", json.toString(), "--html", dir.resolve("t.html").toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        JsonNode trend = j.get("trend");
        assertEquals(3, trend.get("dumps").size());
        JsonNode top = trend.get("retainers").get(0);
        assertEquals(growth.text("holder.class"), top.get("class").asText());
        for (int round = 1; round <= 3; round++) {
            assertEquals(growth.bytes("round." + round + ".bytes"), top.get("bytes").get(round - 1).asLong());
            assertEquals(growth.number("round." + round + ".count"), top.get("buffers").get(round - 1).asLong());
        }
        assertTrue(top.get("bytesPerHour").asDouble() > 0);
        assertEquals(dump(3), j.at("/diff/newer/path").asText(), "the diff section compares the first and last dump");
        assertTrue(Files.readString(dir.resolve("t.html")).contains("id=\"growth\""), "the growth chart");
    }

    @Test
    void usageAndInputErrors(@TempDir Path dir) {
        assertEquals(2, Cli.run("diff", dump(1)).exitCode());
        assertEquals(2, Cli.run("diff", dump(1), dump(2), dump(3)).exitCode());
        Cli two = Cli.run("trend", dump(1), dump(2));
        assertEquals(2, two.exitCode());
        assertTrue(two.err().contains("use diff"), two.err());
        Cli overwrite = Cli.run("diff", dump(1), dump(2), "--json", dump(2));
        assertEquals(2, overwrite.exitCode());
        assertTrue(overwrite.err().contains("is one of the inputs"), overwrite.err());
        Cli missing = Cli.run("diff", dump(1), dir.resolve("gone.hprof").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("gone.hprof: no such file"), missing.err());
    }

    @Test
    void namesFromTheDumpAreNeutralisedOnTheTerminalAndEscapedInHtml(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("HostileNames");
        Path dump = SampleRun.run(thisJdk(), HostileNames.class, out, HostileNames.jvmArgs(out)).dump();
        Path html = dir.resolve("hostile.html");
        Cli r = Cli.run("diff", dump.toString(), dump.toString(), "--html", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("hostile.Cache<script>"), r.out());
        for (char c : new char[]{'\u0000', '\u0007', '\u001b', '\u0085', '\u2028'}) {
            assertEquals(-1, r.out().indexOf(c), "raw U+" + Integer.toHexString(c) + " on the terminal");
        }
        String page = Files.readString(html);
        assertTrue(page.contains("hostile.Cache&lt;script&gt;"), "escaped, and shown");
        for (String raw : List.of("<script>pwned", "<svg onload", "<img src=x", "<style>*")) {
            assertFalse(page.contains(raw), raw);
        }
    }

    private static String dump(int round) {
        return growth.dumps().get(round - 1).toString();
    }

    private static Jdk thisJdk() {
        return new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }
}

package io.offheap.reports;

import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.BufferKind;
import io.offheap.analyzer.BufferState;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.GcPoint;
import io.offheap.analyzer.Generation;
import io.offheap.analyzer.Holder;
import io.offheap.analyzer.HolderDetail;
import io.offheap.analyzer.HolderKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML as text: escaping, the Content-Security-Policy, sections present or absent, size. */
class HtmlReportTest {

    static String html(Diagnosis d) {
        StringWriter w = new StringWriter();
        HtmlReport.write(d, w);
        return w.toString();
    }

    @Test
    void textFromTheDumpIsEscapedInEveryField() {
        String html = html(Fixtures.everywhere(Fixtures.HOSTILE));
        assertEquals(1, count(html, "<script"), "only the report's own script element");
        assertEquals(1, count(html, "</script"));
        assertEquals(1, count(html, "<style"), "only the report's own style element");
        assertEquals(1, count(html, "</style"));
        for (String markup : List.of("<img", "<svg onload", "<!--")) {
            assertEquals(0, count(html, markup), markup);
        }
        assertTrue(html.contains("&lt;/style&gt;&lt;/script&gt;&lt;script&gt;pwned=1"), "markup shown as text");
        assertTrue(html.contains("&amp;amp;&amp;lt"), "entities shown as written, not decoded");
        Matcher hidden = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]")
                .matcher(html);
        assertFalse(hidden.find(), () -> "hidden character U+" + Integer.toHexString(html.charAt(hidden.start())) + " near "
                + html.substring(Math.max(0, hidden.start() - 60), hidden.start()));
        for (String shown : List.of("\\u0000", "\\u0007", "\\u001b[31m", "\\u202e", "\\u2028")) {
            assertTrue(html.contains(shown), "control characters made visible: " + shown);
        }
    }

    @Test
    void pageMakesNoRequestAndAllowsOnlyItsOwnStyleAndScript() throws Exception {
        String html = html(Fixtures.everywhere("x"));
        Matcher reference = Pattern.compile("(?i)\\b(src|href|action|formaction|xlink:href|poster|data)\\s*=\\s*\"(?!#|data:)")
                .matcher(html);
        assertFalse(reference.find(), () -> "reference to a resource: " + html.substring(reference.start(), reference.start() + 60));
        assertFalse(html.contains("url("), "no CSS url()");
        assertFalse(html.contains("@import"));

        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").matcher(html);
        assertTrue(csp.find(), "a Content-Security-Policy meta element");
        String policy = csp.group(1).replace("&#39;", "'");
        assertTrue(policy.startsWith("default-src 'none';"), policy);
        assertTrue(policy.contains("script-src '" + sha256(between(html, "<script>", "</script>")) + "'"), policy);
        assertTrue(policy.contains("style-src '" + sha256(between(html, "<style>", "</style>")) + "'"), policy);
        assertTrue(html.indexOf("Content-Security-Policy") < html.indexOf("<style>"), "the policy comes before anything it governs");
        assertFalse(html.contains(" style=\""), "no style attributes: the policy allows only the style element");
        assertFalse(Pattern.compile("\\son[a-z]+=\"").matcher(html).find(), "no inline event handlers");
    }

    @Test
    void gcSectionOnlyWithAGcLog() {
        Diagnosis withLog = Fixtures.everywhere("x");
        String html = html(withLog);
        assertTrue(html.contains("<section id=\"gc\">"));
        assertTrue(html.contains("id=\"chart-gc\""));
        assertTrue(html.contains("<table class=\"data flags\">"));
        String without = html(Fixtures.withGc(withLog, null));
        assertFalse(without.contains("<section id=\"gc\">"));
        assertFalse(without.contains("chart-gc"));
        assertFalse(without.contains("href=\"#gc\""));
        String noUptimes = html(Fixtures.withGc(withLog, Fixtures.gc(null, null,
                List.of(new GcPoint(Double.NaN, "young", null, 0.01, 1, 2, 1, 2)))));
        assertTrue(noUptimes.contains("<section id=\"gc\">"));
        assertFalse(noUptimes.contains("chart-gc"), "nothing to draw without uptimes");
    }

    @Test
    void holdersSectionShowsEachHolderWithItsDetailsOnlyWhenThereAreHolders() {
        Diagnosis d = Fixtures.everywhere("x");
        String html = html(d);
        assertTrue(html.contains("<section id=\"holders\">"));
        assertTrue(html.contains("<a href=\"#holders\">"));
        for (String kind : List.of("thread-io-cache", "mapped-files", "netty", "foreign-memory", "unexplained-unowned")) {
            assertTrue(html.contains("<article class=\"known-holder\" id=\"holder-" + kind + "\">"), kind);
        }
        assertEquals(8, count(html, "<table class=\"data holder-details\">"), "one details table per sort of detail");
        assertTrue(html.contains(">Arena state</th>"), "a buffer over foreign memory");
        assertTrue(html.contains("<th class=\"num\" scope=\"col\">Free in chunks</th>"), "Netty's arenas");
        assertTrue(html.contains("none: freed only by release()"), "a no-cleaner Netty buffer");
        assertTrue(Pattern.compile("<td class=\"holder-cell\">x</td>\\s*<td class=\"num\" title=\"3,072 bytes\">3.0 KiB</td>")
                .matcher(html).find(), "a Netty thread cache with its thread and cached bytes");
        assertTrue(Pattern.compile("<td class=\"holder-cell\">x</td>\\s*<td class=\"num\" title=\"2,097,152 bytes\">2.0 MiB</td>")
                .matcher(html).find(), "a thread with its bytes");
        assertTrue(html.contains("(unnamed thread)"));
        assertTrue(html.contains("<td class=\"holder-cell\" title=\"found through x\">/data/x</td>"), "a mapped file's path");
        assertTrue(html.contains("(file not in the dump)"));
        assertTrue(html.contains("class x#x → java.nio.DirectByteBuffer"), "an unexplained buffer's path");
        assertTrue(html.contains("<dt>Largest thread bytes</dt><dd class=\"num\" title=\"2,097,152 bytes\">2.0 MiB</dd>"), "facts");
        assertTrue(html.indexOf("id=\"retainers\"") < html.indexOf("id=\"holders\""));

        Diagnosis none = new Diagnosis(d.dump(), d.totals(), d.accounting(), d.buffers(), d.retainers(), d.gc(), d.findings(),
                d.verdict(), d.warnings(), List.of());
        String without = html(none);
        assertFalse(without.contains("id=\"holders\""));
        assertFalse(without.contains("href=\"#holders\""));
    }

    @Test
    void holderDetailsBeyondTheTopRowsAreCounted() {
        List<HolderDetail> threads = new ArrayList<>();
        for (int i = 0; i < HolderTable.TOP_ROWS + 7; i++) {
            threads.add(new HolderDetail.ThreadCache("io-" + i, 1, 100, 100));
        }
        HolderTable t = HolderTable.of(new Holder(HolderKind.THREAD_IO_CACHE, "caches", 5700, threads.size(), "cap",
                Map.of(), threads));
        assertEquals(1, t.details().size());
        assertEquals(HolderTable.TOP_ROWS, t.details().get(0).rows().size());
        assertEquals(7, t.details().get(0).moreRows());
    }

    @Test
    void findingsComeMostSevereFirstWithFormattedEvidence() {
        String html = html(Fixtures.everywhere("x"));
        assertTrue(html.indexOf("finding sev-critical") < html.indexOf("finding sev-warning"));
        assertTrue(html.contains("<dt>Awaiting GC bytes</dt><dd class=\"num\" title=\"26,214,400 bytes\">25.0 MiB</dd>"), html);
        assertTrue(html.contains("<dt>Percent of limit</dt><dd class=\"num\">78%</dd>"));
    }

    @Test
    void bigDumpsShowTheBiggestBuffersAndSumTheRest() {
        int n = 200_000;
        String html = html(Fixtures.manyBuffers(n));
        assertTrue(html.length() < 5 * 1024 * 1024, html.length() + " characters");
        Matcher rows = Pattern.compile("<tr data-kind=").matcher(html);
        assertEquals(BufferTable.TOP_ROWS, rows.results().count());
        assertTrue(html.contains("<td class=\"num\" data-v=\"" + n + "\" title=\"" + Text.exact(n) + "\">"), "the biggest first");
        BufferTable t = BufferTable.of(Fixtures.manyBuffers(n).buffers(), List.of());
        assertEquals(n - BufferTable.TOP_ROWS, t.restTotals().count());
        assertEquals(t.restTotals().count(), t.rest().stream().mapToInt(BufferTable.Group::count).sum());
        long all = (long) n * (n + 1) / 2;
        assertEquals(all, t.all().capacity());
        assertEquals(all, t.shown().capacity() + t.restTotals().capacity());
        assertEquals(2, t.rest().size(), "one group per kind, state and class");
    }

    /**
     * The table by its definition, written the plain way: every buffer sorted biggest first (stable), the first
     * {@link BufferTable#TOP_ROWS} shown, the rest grouped in that order and the groups sorted by bytes, then
     * count (stable). Random buffers with many ties in every key, in random order.
     */
    @Test
    void biggestBuffersAndGroupsAsIfEverythingWereSorted() {
        Random random = new Random(7);
        BufferKind[] kinds = BufferKind.values();
        BufferState[] states = BufferState.values();
        for (int round = 0; round < 20; round++) {
            int n = random.nextInt(3 * BufferTable.TOP_ROWS);
            List<Buffer> buffers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int capacity = random.nextInt(4) * 1024;
                buffers.add(new Buffer(0x1000L + random.nextInt(n / 2 + 1), "C" + random.nextInt(3), capacity, 0x7f00_0000L + i,
                        kinds[random.nextInt(kinds.length)], states[random.nextInt(states.length)], 0,
                        random.nextBoolean() ? capacity : 0, Generation.UNKNOWN, 0));
            }
            List<Buffer> sorted = new ArrayList<>(buffers);
            sorted.sort(BufferTable.BIGGEST_FIRST);
            List<Buffer> top = sorted.subList(0, Math.min(BufferTable.TOP_ROWS, n));
            Map<List<String>, long[]> groups = new LinkedHashMap<>();
            for (Buffer b : sorted.subList(top.size(), n)) {
                long[] g = groups.computeIfAbsent(List.of(b.kind().label(), b.state().label(), b.className()), k -> new long[3]);
                g[0]++;
                g[1] += b.capacity();
                g[2] += b.reservedBytes();
            }
            List<BufferTable.Group> rest = new ArrayList<>();
            groups.forEach((k, g) -> rest.add(new BufferTable.Group(k.get(0), k.get(1), k.get(2), (int) g[0], g[1], g[2])));
            rest.sort(Comparator.comparingLong(BufferTable.Group::reserved).reversed()
                    .thenComparing(Comparator.comparingInt(BufferTable.Group::count).reversed()));

            BufferTable t = BufferTable.of(buffers, List.of());
            List<Buffer> shown = t.rows().stream().map(BufferTable.Row::buffer).toList();
            for (int i = 0; i < top.size(); i++) {
                assertSame(top.get(i), shown.get(i), "row " + (i + 1) + " of round " + round);
            }
            assertEquals(top.size(), shown.size());
            assertEquals(rest.subList(0, Math.min(BufferTable.MAX_GROUPS, rest.size())), t.rest(), "round " + round);
            assertEquals(BufferTable.Totals.of(sorted.subList(top.size(), n)), t.restTotals());
        }
    }

    /** Dumps from JDKs before direct buffers existed (and agent files without a heap) have no buffers at all. */
    @Test
    void dumpWithoutBuffersStillRenders() throws IOException {
        Diagnosis d = Dumps.analyze(io.offheap.samples.Corpus.hprof("eclipse-mat/sun_jdk5_13_x32.hprof"));
        assertEquals(0, d.totals().buffers());
        assertTrue(html(d).contains(d.verdict()));
    }

    @Test
    void writesAtomicallyAndReplacesAnEarlierReport(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.html");
        Files.writeString(target, "old");
        Reports.writeHtml(Fixtures.everywhere("x"), target);
        String html = Files.readString(target);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.stripTrailing().endsWith("</html>"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file left");
        }
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String between(String s, String open, String close) {
        int start = s.indexOf(open) + open.length();
        return s.substring(start, s.indexOf(close, start));
    }

    private static String sha256(String s) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.offheap.gclog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The shared GC log corpus and grep-like counts over its raw text, written independently of the
 * parsers so that the tests compare the parsed history with the files themselves.
 */
final class Corpus {
    private static final Pattern PAUSE_FULL = Pattern.compile("GC\\((\\d+)\\) Pause Full\\b");
    private static final Pattern PAUSE_YOUNG = Pattern.compile("GC\\((\\d+)\\) (Pause Young|Minor Collection)\\b");

    private Corpus() {
    }

    static Path root() {
        String root = System.getProperty("offheap.root");
        if (root != null) {
            Path p = Path.of(root).resolve("../shared/corpus/gclogs").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/corpus/gclogs");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("corpus not found: set -Doffheap.root to the project root");
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static List<String> lines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = file.toString().endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }

    static boolean unified(List<String> lines) {
        return lines.stream().anyMatch(l -> l.matches("^\\[[^\\]]*\\].*\\[gc[,\\]a-z ]*\\].*") || l.startsWith("GC("));
    }

    static int occurrences(List<String> lines, String text) {
        int n = 0;
        for (String l : lines) {
            for (int i = l.indexOf(text); i >= 0; i = l.indexOf(text, i + 1)) {
                n++;
            }
        }
        return n;
    }

    /** Unified logs: distinct GC ids with a "Pause Full" line. */
    static int unifiedFull(List<String> lines) {
        return ids(lines, PAUSE_FULL, false);
    }

    /** Unified logs: distinct GC ids with a non-mixed "Pause Young" or a ZGC "Minor Collection" line. */
    static int unifiedYoung(List<String> lines) {
        return ids(lines, PAUSE_YOUNG, true);
    }

    /**
     * Pre-unified logs: every "Full GC", plus every "[GC" record that also collected the old generation in
     * the foreground, which HotSpot shows with "[Tenured", "[CMS:" or "(concurrent mode failure)" in the
     * record (on its line or a continuation line before the next record).
     */
    static int legacyFull(List<String> lines) {
        int full = 0;
        boolean inYoungRecord = false;
        for (String l : lines) {
            for (String part : l.split("(?=\\[GC|\\[Full GC)", -1)) {
                if (part.startsWith("[Full GC")) {
                    full++;
                    inYoungRecord = false;
                } else if (part.startsWith("[GC")) {
                    inYoungRecord = true;
                }
                if (inYoungRecord && (part.contains("[Tenured") || part.contains("[CMS:") || part.contains("(concurrent mode failure)"))) {
                    full++;
                    inYoungRecord = false;
                }
            }
        }
        return full;
    }

    private static int ids(List<String> lines, Pattern p, boolean skipMixed) {
        Set<String> ids = new HashSet<>();
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find() && !(skipMixed && l.contains("(Mixed)"))) {
                ids.add(m.group(1));
            }
        }
        return ids.size();
    }

    static List<String> matching(List<String> lines, String regex) {
        List<String> out = new ArrayList<>();
        Pattern p = Pattern.compile(regex);
        for (String l : lines) {
            if (p.matcher(l).find()) {
                out.add(l);
            }
        }
        return out;
    }
}

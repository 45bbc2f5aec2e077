package io.offheap.gclog;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * The two HotSpot GC log families: pre-unified ({@code -Xloggc}, {@code -XX:+PrintGCDetails}, JDK 8 and
 * earlier) and unified logging ({@code -Xlog:gc*}, JDK 9+). Everything else is refused with a one-line
 * reason naming the file and line: other JVMs' verbose GC formats, heap dumps, binary data and text with
 * no GC line at all.
 */
enum LogFormat {
    UNIFIED, LEGACY;

    private static final int HEAD = 64 * 1024;
    private static final Pattern UNIFIED_MESSAGE = Pattern.compile(
            "^(GC\\(\\d+\\) |Using (Serial|Parallel|G1|Concurrent Mark Sweep|The Z Garbage Collector|Shenandoah)$"
                    + "|Initializing The Z Garbage Collector|Version: \\d)");
    static final Pattern HOTSPOT_HEADER = Pattern.compile("^(Java HotSpot\\(TM\\)|OpenJDK) .*VM \\(.*\\) for \\S+ JRE \\(([^)]*)\\)");
    private static final Pattern LEGACY_LINE = Pattern.compile(
            "\\[(Full GC|GC)(\\b|Before|--)|GC invocations=|^CommandLine flags: |^Heap$"
                    + "|^(\\d{4}-\\d\\d-\\d\\dT[\\d:.,+-]{12,18}: )?\\d{1,12}[.,]\\d{3}: \\[");

    /** The family of {@code file}, read from its first GC line, or a refusal. */
    static LogFormat of(Path file) throws IOException, GcLogException {
        refuseForeign(file);
        try (LogLines lines = LogLines.open(file)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                Decorations d = Decorations.parse(line);
                if (d.tags() != null && d.tags().startsWith("gc") || UNIFIED_MESSAGE.matcher(d.message()).find()) {
                    return UNIFIED;
                }
                if (LEGACY_LINE.matcher(line).find() || HOTSPOT_HEADER.matcher(line).find()) {
                    return LEGACY;
                }
            }
            throw refusal(file, 1, lines.number() == 0 ? "an empty file is not a HotSpot GC log"
                    : "text without a single GC line (" + lines.number() + " lines read) is not a HotSpot GC log");
        }
    }

    private static void refuseForeign(Path file) throws IOException, GcLogException {
        byte[] head;
        try {
            head = LogLines.head(file, HEAD);
        } catch (EOFException e) {
            throw refusal(file, 1, "a gzip stream cut inside its header is not a readable GC log");
        } catch (ZipException e) {
            throw refusal(file, 1, "a damaged gzip stream is not a readable GC log (" + e.getMessage() + ")");
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("JAVA PROFILE ")) {
            throw refusal(file, 1, "a heap dump (HPROF) is not a GC log; pass it as the dump");
        }
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                throw refusal(file, 1, "binary data is not a HotSpot GC log");
            }
            control += b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' ? 1 : 0;
        }
        if (control * 20 > head.length) {
            throw refusal(file, 1, "binary data is not a HotSpot GC log");
        }
        if (text.contains("<verbosegc")) {
            foreign(file, text, text.contains("<?xml") ? "<?xml" : "<verbosegc",
                    "IBM J9 verbose GC XML is not a HotSpot GC log; Offheap reads HotSpot logs only");
        }
        if (text.stripLeading().startsWith("<?xml")) {
            foreign(file, text, "<?xml", "XML is not a HotSpot GC log; Offheap reads HotSpot logs only");
        }
        foreign(file, text, "<AF[", "IBM verbose GC text is not a HotSpot GC log; Offheap reads HotSpot logs only");
        foreign(file, text, "since last AF or CON>", "IBM verbose GC text is not a HotSpot GC log; Offheap reads HotSpot logs only");
        foreign(file, text, "[memory ]", "JRockit verbose GC is not a HotSpot GC log; Offheap reads HotSpot logs only");
    }

    private static void foreign(Path file, String head, String marker, String reason) throws GcLogException {
        int at = head.indexOf(marker);
        if (at >= 0) {
            throw refusal(file, 1 + head.substring(0, at).chars().filter(c -> c == '\n').count(), reason);
        }
    }

    static GcLogException refusal(Path file, long line, String reason) {
        return new GcLogException(file + ": line " + line + ": " + reason);
    }
}

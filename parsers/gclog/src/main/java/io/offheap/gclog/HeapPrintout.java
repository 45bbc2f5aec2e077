package io.offheap.gclog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the indented lines of one heap printout ({@code Heap}, {@code Heap before/after GC
 * invocations=N (full M):}) into a {@link HeapLayout}. The same {@code print_on} text appears in JDK 8
 * logs and, behind decorations and a {@code GC(n)} prefix, in JDK 9+ unified logs (DOMAIN.md 6.3);
 * newer JDKs re-indent it and add fields, so lines are matched loosely: a name, then {@code total} /
 * {@code used}, then a bracketed address list of which the first and last entries bound the range.
 */
final class HeapPrintout {
    private static final Pattern GENERATION = Pattern.compile(
            "^\\s+([A-Za-z][A-Za-z -]*?)\\s+total\\b.*?\\bused (\\d{1,18})([KMG]?)\\b.*?\\[(0x[0-9a-fA-F, x]+)\\)");
    private static final Pattern SPACE = Pattern.compile(
            "^\\s+(eden|from|to|object|the)\\s+space\\b.*?\\[(0x[0-9a-fA-F, x]+)\\)");
    private static final Pattern REGION_SIZE = Pattern.compile("^\\s+region size (\\d{1,12})([KMG])");
    /** JDK 25 Serial prints {@code DefNew}/{@code Tenured} where earlier JDKs printed the long names. */
    private static final Map<String, Generation> GENERATIONS = Map.ofEntries(
            Map.entry("PSYoungGen", Generation.YOUNG), Map.entry("ASPSYoungGen", Generation.YOUNG),
            Map.entry("def new generation", Generation.YOUNG), Map.entry("par new generation", Generation.YOUNG),
            Map.entry("DefNew", Generation.YOUNG), Map.entry("ParOldGen", Generation.OLD),
            Map.entry("PSOldGen", Generation.OLD), Map.entry("ASPSOldGen", Generation.OLD),
            Map.entry("tenured generation", Generation.OLD), Map.entry("Tenured", Generation.OLD),
            Map.entry("concurrent mark-sweep generation", Generation.OLD),
            Map.entry("garbage-first heap", Generation.WHOLE_HEAP));

    private final String source;
    private final List<Space> spaces = new ArrayList<>();
    private Generation current = Generation.UNKNOWN;
    private long regionSizeBytes = -1;

    HeapPrintout(String source) {
        this.source = source;
    }

    /** Index of a printout's first line in {@code text} (JDK 8 may start one mid-line after a GC record), or -1. */
    static int startIn(String text) {
        if (text.equals("Heap")) {
            return 0;
        }
        int i = text.indexOf(" GC invocations=");
        return i < 0 ? -1 : text.lastIndexOf("Heap ", i);
    }

    /** Takes one more line if it belongs to the printout (printout bodies are indented); false ends it. */
    boolean accept(String text) {
        if (text.isBlank() || text.charAt(0) != ' ') {
            return false;
        }
        Matcher g = GENERATION.matcher(text);
        Matcher s = SPACE.matcher(text);
        Matcher r = REGION_SIZE.matcher(text);
        if (g.find()) {
            String name = g.group(1);
            current = GENERATIONS.getOrDefault(name, Generation.UNKNOWN);
            long[] range = addresses(g.group(4));
            if (current != Generation.UNKNOWN && range != null) {
                spaces.add(new Space(name, current, range[0], range[range.length - 1],
                        Sizes.bytes(Long.parseLong(g.group(2)), g.group(3))));
            }
        } else if (s.find()) {
            long[] range = addresses(s.group(2));
            if (range != null && range.length >= 3 && (current == Generation.YOUNG || current == Generation.OLD)) {
                spaces.add(new Space(s.group(1) + " space", current, range[0], range[range.length - 1], range[1] - range[0]));
            }
        } else if (r.find()) {
            regionSizeBytes = Sizes.bytes(Long.parseLong(r.group(1)), r.group(2));
        }
        return true;
    }

    /** G1's region size, printed as {@code region size 1024K} under the heap line; -1 if not seen. */
    long regionSizeBytes() {
        return regionSizeBytes;
    }

    /** The layout, or null when the printout held no address range (ZGC, Metaspace only). */
    HeapLayout toLayout(double uptimeSeconds) {
        return spaces.isEmpty() ? null : new HeapLayout(uptimeSeconds, source, spaces);
    }

    private static long[] addresses(String list) {
        String[] parts = list.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (!p.startsWith("0x") || p.length() < 3 || p.length() > 18) {
                return null;
            }
            out[i] = Long.parseUnsignedLong(p.substring(2), 16);
        }
        return parts.length >= 2 ? out : null;
    }
}

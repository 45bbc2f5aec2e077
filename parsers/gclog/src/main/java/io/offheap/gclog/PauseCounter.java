package io.offheap.gclog;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the pause and cycle lines of a unified log straight from the raw text, decorations and all,
 * by distinct {@code GC(n)} id: the check that {@link UnifiedLog} missed nothing.
 */
final class PauseCounter {
    private static final Pattern FULL = Pattern.compile("GC\\((\\d{1,9})\\) Pause Full\\b");
    private static final Pattern MIXED = Pattern.compile("GC\\((\\d{1,9})\\) (Pause Young\\b.*\\(Mixed\\)|Pause Mixed\\b)");
    private static final Pattern YOUNG = Pattern.compile("GC\\((\\d{1,9})\\) (Pause Young\\b|Minor Collection\\b)");
    private static final Pattern INITIAL_MARK = Pattern.compile("GC\\((\\d{1,9})\\) Pause Init(ial)? Mark\\b");
    private static final Pattern REMARK = Pattern.compile("GC\\((\\d{1,9})\\) Pause (Remark|Final Mark)\\b");
    private static final Pattern CYCLE = Pattern.compile(
            "GC\\((\\d{1,9})\\) (Concurrent (Mark )?Cycle|Concurrent Mark\\b|Concurrent marking|Garbage Collection|Major Collection)\\b");
    private static final Pattern EXPLICIT = Pattern.compile("GC\\((\\d{1,9})\\) .*\\(System\\.gc\\(\\)\\)");
    private static final Pattern EXPLICIT_TRIGGER = Pattern.compile("Trigger: .*System\\.gc\\(\\)");

    private final Set<String> full = new HashSet<>();
    private final Set<String> young = new HashSet<>();
    private final Set<String> mixed = new HashSet<>();
    private final Set<String> initialMarks = new HashSet<>();
    private final Set<String> remarks = new HashSet<>();
    private final Set<String> cycles = new HashSet<>();
    private final Set<String> explicit = new HashSet<>();
    private int explicitTriggers;

    void count(String line) {
        if (line.indexOf("GC(") < 0) {
            explicitTriggers += EXPLICIT_TRIGGER.matcher(line).find() ? 1 : 0;
            return;
        }
        add(FULL, line, full);
        if (!add(MIXED, line, mixed)) {
            add(YOUNG, line, young);
        }
        add(INITIAL_MARK, line, initialMarks);
        add(REMARK, line, remarks);
        add(CYCLE, line, cycles);
        add(EXPLICIT, line, explicit);
    }

    LineCounts counts() {
        return new LineCounts(full.size(), young.size(), mixed.size(), initialMarks.size(), remarks.size(),
                cycles.size(), explicit.size() + explicitTriggers);
    }

    private static boolean add(Pattern p, String line, Set<String> ids) {
        Matcher m = p.matcher(line);
        return m.find() && (ids.add(m.group(1)) || true);
    }
}

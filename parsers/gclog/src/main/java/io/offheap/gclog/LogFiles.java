package io.offheap.gclog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files behind the paths a user gives: a directory stands for the regular files in it. Rotated sets
 * are put in rotation order: JDK 8 writes {@code gc.log.0}, {@code gc.log.1}, {@code gc.log.2.current};
 * JDK 9+ archives {@code gc.log} as {@code gc.log.0}, {@code gc.log.1} ... and keeps writing
 * {@code gc.log}, so the unnumbered file comes last. (Rotation wraps around; events are ordered by
 * uptime afterwards, so the file order only decides ties.)
 */
final class LogFiles {
    private static final Pattern ROTATED = Pattern.compile("^(.*?)(?:\\.(\\d{1,9}))?(\\.current)?(\\.gz)?$");

    private LogFiles() {
    }

    /** The regular, non-hidden files of a directory, in rotation order. */
    static List<Path> in(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> out = new ArrayList<>(files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList());
            out.sort(ORDER);
            return out;
        }
    }

    static final Comparator<Path> ORDER = Comparator.comparing((Path p) -> base(p)).thenComparingLong(LogFiles::index)
            .thenComparing(Path::toString);

    private static String base(Path p) {
        Matcher m = ROTATED.matcher(p.getFileName().toString());
        String parent = p.getParent() == null ? "" : p.getParent().toString();
        return parent + "/" + (m.matches() ? m.group(1) : p.getFileName().toString());
    }

    private static long index(Path p) {
        Matcher m = ROTATED.matcher(p.getFileName().toString());
        return m.matches() && m.group(2) != null ? Long.parseLong(m.group(2)) : Long.MAX_VALUE;
    }
}

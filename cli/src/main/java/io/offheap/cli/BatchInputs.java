package io.offheap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What {@code offheap batch} reads. A file named on the command line is taken as a dump whatever its name.
 * In a directory (searched recursively; hidden files and directories skipped) and among the files a glob
 * matches (for globs the shell did not expand, e.g. {@code 'dumps/**.hprof.gz'}), a file is a dump when its
 * name ends in {@code .hprof} or {@code .hprof.gz}, or when it starts with {@code JAVA PROFILE}, plain or
 * gzipped (dumps are also named {@code .bin} or {@code .dump}). A dump's GC logs are the files beside it
 * named after it ({@code app.hprof.gz}: {@code app.gc.log} or {@code app.log}, with their rotations
 * {@code .0}, {@code .1}, {@code .current}, {@code .gz}); only when there are none there, the same names in
 * the {@code --gc-logs} directory.
 */
final class BatchInputs {
    private static final byte[] MAGIC = "JAVA PROFILE".getBytes(StandardCharsets.US_ASCII);
    private static final String GLOB_CHARS = "*?[{";

    private final PrintStream err;
    private final Map<Path, List<Path>> listings = new HashMap<>();

    BatchInputs(PrintStream err) {
        this.err = err;
    }

    /** The dumps named by {@code args}, each once, in the order found. */
    List<Path> dumps(List<String> args) throws CommandException {
        Map<Path, Path> found = new LinkedHashMap<>();
        for (String arg : args) {
            Path p;
            try {
                p = Path.of(arg);
            } catch (InvalidPathException e) {
                throw new CommandException(ExitCode.USAGE, arg + ": not a path: " + e.getMessage());
            }
            List<Path> here;
            if (Files.isDirectory(p)) {
                here = search(p, Integer.MAX_VALUE, f -> true);
            } else if (!Files.exists(p) && hasGlob(arg)) {
                here = glob(arg);
            } else {
                here = List.of(p); // named explicitly: a dump, or an error recorded for it
            }
            if (here.isEmpty()) {
                err.println("offheap: warning: " + arg + ": no heap dump found");
            }
            here.forEach(d -> found.putIfAbsent(d.toAbsolutePath().normalize(), d));
        }
        return List.copyOf(found.values());
    }

    private List<Path> glob(String arg) throws CommandException {
        String[] parts = arg.split("/", -1);
        int literal = 0;
        while (literal < parts.length - 1 && !hasGlob(parts[literal])) {
            literal++;
        }
        String base = String.join("/", Arrays.copyOfRange(parts, 0, literal));
        boolean relative = !arg.startsWith("/");
        Path dir = Path.of(base.isEmpty() ? (relative ? "." : "/") : base);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        PathMatcher matcher;
        try {
            // Walking "." yields "./x": match the pattern in the same form.
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + (base.isEmpty() && relative ? "./" + arg : arg));
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, arg + ": not a valid glob: " + e.getMessage());
        }
        return search(dir, arg.contains("**") ? Integer.MAX_VALUE : parts.length - literal, matcher::matches);
    }

    private static boolean hasGlob(String s) {
        return GLOB_CHARS.chars().anyMatch(c -> s.indexOf(c) >= 0);
    }

    /** Dumps under {@code dir} that {@code accept} takes; an unreadable directory is reported and skipped. */
    private List<Path> search(Path dir, int depth, Predicate<Path> accept) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (!hidden(f) && Files.isRegularFile(f) && accept.test(f) && isDump(f)) {
                        out.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    err.println("offheap: warning: " + f + ": cannot be searched: " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            err.println("offheap: warning: " + dir + ": cannot be searched: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    static boolean isDump(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".hprof") || name.endsWith(".hprof.gz")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(Files.newInputStream(file))) {
                    head = gz.readNBytes(MAGIC.length);
                }
            }
            return Arrays.equals(head, MAGIC);
        } catch (IOException e) {
            return false; // not readable as a dump either; a file that is not named like one is left out
        }
    }

    /** {@code app.hprof.gz}, {@code app.hprof}, {@code app.bin}: {@code app}. */
    static String baseName(Path dump) {
        String name = dump.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".hprof.gz")) {
            return name.substring(0, name.length() - ".hprof.gz".length());
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The GC logs for {@code dump}: beside it, else in {@code logDir} (may be null). */
    List<Path> gcLogsFor(Path dump, Path logDir) {
        Pattern log = Pattern.compile(Pattern.quote(baseName(dump)) + "(\\.gc)?\\.log(\\.\\d{1,9})?(\\.current)?(\\.gz)?");
        List<Path> logs = matching(dump.getParent() == null ? Path.of(".") : dump.getParent(), log);
        return logs.isEmpty() && logDir != null ? matching(logDir, log) : logs;
    }

    private List<Path> matching(Path dir, Pattern log) {
        List<Path> files = listings.computeIfAbsent(dir, d -> {
            try (Stream<Path> s = Files.list(d)) {
                return s.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                return List.of();
            }
        });
        return files.stream().filter(f -> log.matcher(f.getFileName().toString()).matches()).toList();
    }
}

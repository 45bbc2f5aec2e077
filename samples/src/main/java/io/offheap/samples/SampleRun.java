package io.offheap.samples;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Runs a sample program in a fresh JVM of a chosen JDK and collects what it left behind. */
public final class SampleRun {

    /** Generous for programs that take seconds, on two cores shared with other builds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** One class of each runtime dependency of the samples (samples/pom.xml): netty-buffer and netty-common. */
    private static final List<String> RUNTIME_LIBRARIES = List.of("io.netty.buffer.ByteBuf", "io.netty.util.internal.PlatformDependent");

    private SampleRun() {
    }

    /** {@link #run(Jdk, Class, Path, List, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static SampleResult run(Jdk jdk, Class<?> program, Path outDir, List<String> extraJvmArgs) {
        return run(jdk, program, outDir, extraJvmArgs, DEFAULT_TIMEOUT);
    }

    /**
     * Starts {@code <jdk>/bin/java} on the class path {@code program} was loaded from plus the samples' runtime
     * libraries, with
     * {@code --add-opens java.base/java.nio=ALL-UNNAMED} and {@code extraJvmArgs} (e.g. the program's own
     * {@code jvmArgs(outDir)}), and {@code outDir} as the program's only argument. The program's
     * stdout and stderr go to {@code outDir}/stdout.txt and stderr.txt.
     *
     * @throws SampleFailure if the program exits non-zero (the message holds its output), runs
     *                       longer than {@code timeout} (it is killed), or leaves no dump
     */
    public static SampleResult run(Jdk jdk, Class<?> program, Path outDir, List<String> extraJvmArgs,
                                   Duration timeout) {
        return run(jdk, program, classPath(program), outDir, extraJvmArgs, timeout);
    }

    /**
     * Like {@link #run(Jdk, Class, Path, List)}, but with {@code jar} first on the class path: a copy of the
     * program's classes and of its libraries with their packages relocated ({@link ShadedNetty}). Its classes
     * shadow the program's own; the program's helpers come from where {@code program} was loaded, and the
     * samples' unrelocated runtime libraries stay off the class path.
     */
    public static SampleResult run(Jdk jdk, Path jar, Class<?> program, Path outDir, List<String> extraJvmArgs) {
        return run(jdk, program, jar + File.pathSeparator + location(program), outDir, extraJvmArgs, DEFAULT_TIMEOUT);
    }

    private static SampleResult run(Jdk jdk, Class<?> program, String classPath, Path outDir, List<String> extraJvmArgs,
                                    Duration timeout) {
        try {
            Files.createDirectories(outDir);
            List<String> command = new ArrayList<>(List.of(jdk.java().toString(),
                    "--add-opens", "java.base/java.nio=ALL-UNNAMED", "-cp", classPath));
            command.addAll(extraJvmArgs);
            command.add(program.getName());
            command.add(outDir.toString());
            Path stdout = outDir.resolve("stdout.txt");
            Path stderr = outDir.resolve("stderr.txt");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new SampleFailure(program.getSimpleName() + " on " + jdk + " did not finish within " + timeout
                        + " and was killed" + output(command, stdout, stderr));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (process.exitValue() != 0) {
                throw new SampleFailure(program.getSimpleName() + " on " + jdk + " exited with " + process.exitValue()
                        + output(command, stdout, stderr));
            }
            return result(outDir, elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SampleFailure("interrupted while running " + program.getName(), e);
        }
    }

    private static SampleResult result(Path outDir, Duration elapsed) throws IOException {
        Path truth = outDir.resolve(GroundTruth.FILE);
        if (!Files.isRegularFile(truth)) {
            throw new SampleFailure("the program exited 0 but wrote no " + truth);
        }
        Properties expected = new Properties();
        try (InputStream in = Files.newInputStream(truth)) {
            expected.load(in);
        }
        List<Path> dumps = Arrays.stream(expected.getProperty("dumps", "").split(","))
                .filter(name -> !name.isEmpty())
                .map(outDir::resolve)
                .toList();
        if (dumps.isEmpty()) {
            throw new SampleFailure("no dumps named in " + truth);
        }
        for (Path dump : dumps) {
            if (!Files.isRegularFile(dump)) {
                throw new SampleFailure("the program exited 0 but wrote no dump " + dump);
            }
        }
        Path gcLog = outDir.resolve(GcLog.FILE);
        return new SampleResult(outDir, dumps, Optional.of(gcLog).filter(Files::isRegularFile), expected, elapsed);
    }

    /**
     * The directory or jar the program's class was loaded from (target/classes or the samples jar), then the
     * jars of the samples' runtime libraries, each found where this JVM loaded one of its classes: under
     * Surefire {@code java.class.path} is only a manifest jar, so the class path cannot be copied from it.
     */
    private static String classPath(Class<?> program) {
        List<String> entries = new ArrayList<>(List.of(location(program).toString()));
        for (String library : RUNTIME_LIBRARIES) {
            try {
                String jar = location(Class.forName(library, false, program.getClassLoader())).toString();
                if (!entries.contains(jar)) {
                    entries.add(jar);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the samples' runtime library with " + library + " is not on this JVM's class path", e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The directory or jar {@code c} was loaded from. */
    static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String output(List<String> command, Path stdout, Path stderr) throws IOException {
        return "\ncommand: " + String.join(" ", command)
                + "\n--- stdout ---\n" + Files.readString(stdout)
                + "\n--- stderr ---\n" + Files.readString(stderr);
    }
}

package io.offheap.reports;

import io.offheap.analyzer.Analyzer;
import io.offheap.analyzer.Diagnosis;
import io.offheap.gclog.GcLogReader;
import io.offheap.hprof.HprofReader;
import io.offheap.samples.BufferZoo;
import io.offheap.samples.Corpus;
import io.offheap.samples.HostileNames;
import io.offheap.samples.Jdk;
import io.offheap.samples.ManyBuffers;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Real dumps for the report tests, analysed the way the command does: sample programs run once per test
 * JVM on the JDK running the tests (the analyzer's tests cover every JDK), into target/samples so their
 * dumps can be looked at afterwards; corpus dumps used in place.
 */
final class Dumps {
    private static final Path OUT = Path.of("target", "samples");
    private static final Map<Class<?>, SampleResult> RUNS = new ConcurrentHashMap<>();

    private Dumps() {
    }

    static Diagnosis analyze(Path dump) throws IOException {
        return Analyzer.analyze(HprofReader.read(dump, new HprofReader.Options(Analyzer.FIELDS_NEEDED, null)));
    }

    static Diagnosis analyze(Path dump, Path gcLog) throws Exception {
        return Analyzer.analyze(HprofReader.read(dump, new HprofReader.Options(Analyzer.FIELDS_NEEDED, null)),
                GcLogReader.read(List.of(gcLog)));
    }

    static SampleResult bufferZoo() {
        return run(BufferZoo.class, BufferZoo::jvmArgs);
    }

    static SampleResult hostileNames() {
        return run(HostileNames.class, HostileNames::jvmArgs);
    }

    static SampleResult manyBuffers() {
        return run(ManyBuffers.class, ManyBuffers::jvmArgs);
    }

    /** The generated corpus dump of JDK 17 with garbage kept (jdk17-expected.txt describes it). */
    static Path corpusJdk17() {
        return Corpus.hprof("generated/jdk17-all.hprof.gz");
    }

    /** The demo: DelayedReclamation on OpenJDK 17, with its GC log (cli/src/main/resources/demo). */
    static Path demoDump() {
        String root = System.getProperty("offheap.root");
        Path start = (root != null ? Path.of(root) : Path.of("")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path dump = p.resolve("cli/src/main/resources/demo/delayed-reclamation.hprof.gz");
            if (Files.isRegularFile(dump)) {
                return dump;
            }
        }
        throw new IllegalStateException("the demo dump (cli/src/main/resources/demo) not found above " + start);
    }

    static Path demoGcLog() {
        return demoDump().resolveSibling("delayed-reclamation.gc.log");
    }

    private static synchronized SampleResult run(Class<?> program, Function<Path, List<String>> jvmArgs) {
        return RUNS.computeIfAbsent(program, p -> {
            Path out = OUT.resolve(p.getSimpleName()).toAbsolutePath();
            return SampleRun.run(thisJdk(), p, out, jvmArgs.apply(out));
        });
    }

    private static Jdk thisJdk() {
        return new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }
}

package io.offheap.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link NettySample} on a shaded copy of Netty: its packages relocated from {@code io.netty} to {@link #PACKAGE}, the
 * way libraries that ship their own Netty have it (DOMAIN.md 5). samples/pom.xml makes the copy, with NettySample's
 * classes compiled against it, and attaches it as {@code offheap-samples-<version>-shaded-netty.jar}: it lies beside
 * the samples jar, in samples/target during the build and in the local repository once installed.
 */
public final class ShadedNetty {
    /** Where samples/pom.xml relocates {@code io.netty}. */
    public static final String PACKAGE = "io.offheap.shaded.netty";
    private static final String PROPERTY = "-Dio.netty.";
    private static final String CLASSIFIER = "-shaded-netty";

    private ShadedNetty() {
    }

    /** Runs the shaded NettySample, configured like the unshaded one, with {@link SampleRun#DEFAULT_TIMEOUT}. */
    public static SampleResult run(Jdk jdk, Path outDir) {
        return SampleRun.run(jdk, jar(), NettySample.class, outDir, jvmArgs(outDir));
    }

    /**
     * NettySample's own, with Netty's system properties renamed: the shade plugin relocates every string constant that
     * starts with a relocated package, so the copy reads {@code io.offheap.shaded.netty.tryReflectionSetAccessible}
     * (PlatformDependent0), {@code io.offheap.shaded.netty.leakDetection.level} (ResourceLeakDetector) and so on.
     */
    private static List<String> jvmArgs(Path outDir) {
        return NettySample.jvmArgs(outDir).stream()
                .map(a -> a.startsWith(PROPERTY) ? "-D" + PACKAGE + "." + a.substring(PROPERTY.length()) : a)
                .toList();
    }

    private static Path jar() {
        Path samples = SampleRun.location(NettySample.class);
        String name = samples.getFileName().toString();
        Path jar = samples.resolveSibling(name.replaceFirst("\\.jar$", CLASSIFIER + ".jar"));
        if (!name.endsWith(".jar") || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("no shaded Netty jar beside " + samples + ": the samples module makes it when "
                    + "it is packaged (mvn verify, or install samples before testing one module)");
        }
        return jar;
    }
}

package io.offheap.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleRunTest {

    private static final Jdk RUNNING = Jdks.find(Runtime.version().feature()).orElseThrow();

    /** Fails the way a sample does when its JVM arguments are wrong. */
    static final class Failing {
        public static void main(String[] args) {
            System.out.println("started in " + args[0]);
            throw new IllegalStateException("run with -XX:+DisableExplicitGC");
        }
    }

    /** Never finishes; writes its pid so the test can see it was killed. */
    static final class Hanging {
        public static void main(String[] args) throws Exception {
            Files.writeString(Path.of(args[0], "pid"), Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Exits 0 without writing anything. */
    static final class Silent {
        public static void main(String[] args) {
        }
    }

    @Test
    void reportsTheProgramsOutputWhenItFails(@TempDir Path out) {
        SampleFailure failure = assertThrows(SampleFailure.class,
                () -> SampleRun.run(RUNNING, Failing.class, out, List.of()));
        assertTrue(failure.getMessage().contains("exited with 1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("started in " + out), failure.getMessage());
        assertTrue(failure.getMessage().contains("run with -XX:+DisableExplicitGC"), failure.getMessage());
    }

    @Test
    void killsAProgramThatOutlivesItsTimeout(@TempDir Path out) throws IOException {
        SampleFailure failure = assertThrows(SampleFailure.class,
                () -> SampleRun.run(RUNNING, Hanging.class, out, List.of(), Duration.ofSeconds(3)));
        assertTrue(failure.getMessage().contains("killed"), failure.getMessage());
        long pid = Long.parseLong(Files.readString(out.resolve("pid")));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still runs");
    }

    @Test
    void rejectsARunThatLeftNoGroundTruth(@TempDir Path out) {
        SampleFailure failure = assertThrows(SampleFailure.class,
                () -> SampleRun.run(RUNNING, Silent.class, out, List.of()));
        assertTrue(failure.getMessage().contains(GroundTruth.FILE), failure.getMessage());
    }
}

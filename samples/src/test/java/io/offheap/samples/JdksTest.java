package io.offheap.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdksTest {

    @Test
    void readsFeatureReleasesOfBothVersionSchemes() {
        assertEquals(17, Jdks.feature("17.0.15"));
        assertEquals(25, Jdks.feature("25"));
        assertEquals(21, Jdks.feature("21-ea"));
        assertEquals(8, Jdks.feature("1.8.0_452"));
    }

    @Test
    void findsTheRunningJdkOnceByRealPath() throws IOException {
        List<Jdk> installed = Jdks.installed();
        Path running = Path.of(System.getProperty("java.home")).toRealPath();
        assertTrue(installed.contains(new Jdk(running, Runtime.version().feature())), installed.toString());
        assertEquals(installed.size(), new HashSet<>(installed.stream().map(Jdk::home).toList()).size());
        for (Jdk jdk : installed) {
            assertEquals(jdk.home(), jdk.home().toRealPath());
            assertTrue(Files.isExecutable(jdk.java()), jdk.toString());
        }
        Jdks.expected().stream()
                .filter(feature -> Jdks.find(feature).isEmpty())
                .forEach(feature -> System.err.println("WARNING: expected JDK " + feature + " is not installed"));
    }
}

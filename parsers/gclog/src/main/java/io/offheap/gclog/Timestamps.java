package io.offheap.gclog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The two kinds of stamps in GC logs: wall-clock date stamps ({@code 2014-01-10T12:34:56.789+0100},
 * pre-unified {@code -XX:+PrintGCDateStamps} and unified {@code time}/{@code utctime}) and uptimes in
 * seconds, which some locales print with a decimal comma ({@code 1,474s}).
 */
final class Timestamps {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS][XX][XXX]");

    private Timestamps() {
    }

    /** The instant of a date stamp, or null if the text is not one. */
    static Instant wallClock(String text) {
        try {
            return OffsetDateTime.parse(text, DATE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Seconds from {@code 12.345} or {@code 12,345}. */
    static double seconds(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }

    /** The JVM start implied by one line stamped with both clocks. */
    static Instant start(Instant wallClock, double uptimeSeconds) {
        return wallClock.minusNanos(Math.round(uptimeSeconds * 1e9));
    }
}

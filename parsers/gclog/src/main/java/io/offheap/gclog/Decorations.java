package io.offheap.gclog;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The bracketed prefix of a unified-logging line, {@code [time][utctime][uptime][timemillis][uptimemillis]
 * [timenanos][uptimenanos][hostname][pid][tid][level][tags]}, any subset configured. Each bracket is
 * recognised by its shape rather than its position, because the configured subset is unknown:
 * a date is {@code time}/{@code utctime}; {@code 1.234s} is {@code uptime}; {@code Nms} is
 * {@code timemillis} when it is an epoch (after 2001) and {@code uptimemillis} otherwise; of {@code Nns}
 * values the smallest is {@code uptimenanos} ({@code timenanos} counts from an arbitrary origin); bare
 * numbers are {@code pid} then {@code tid} (HotSpot always prints pid before tid); a level word is the
 * level; the last bracket, if shaped like {@code gc,heap}, is the tags.
 *
 * @param uptimeSeconds NaN when not decorated
 * @param wallClock     null when not decorated
 * @param pid           -1 when not decorated; when only one bare number is present, see {@code loneNumber}
 * @param loneNumber    exactly one bare number was present: pid or tid cannot be told apart on one line
 * @param tags          null when not decorated
 * @param message       the text after the decorations (the whole line when there are none)
 */
record Decorations(double uptimeSeconds, Instant wallClock, long pid, boolean loneNumber, String level,
                   String tags, String message) {

    private static final Pattern UPTIME = Pattern.compile("\\d+[.,]\\d+s");
    private static final Pattern MILLIS = Pattern.compile("\\d{1,19}ms");
    private static final Pattern NANOS = Pattern.compile("\\d{1,19}ns");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
    private static final Pattern LEVEL = Pattern.compile("(trace|debug|info|warning|error|develop) *");
    private static final Pattern TAGS = Pattern.compile("[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)* *");
    private static final long EPOCH_2001_MILLIS = 1_000_000_000_000L;

    static Decorations parse(String line) {
        double uptime = Double.NaN;
        double nanosUptime = Double.NaN;
        Instant wall = null;
        long first = -1;
        int numbers = 0;
        String level = null;
        String tags = null;
        int pos = 0;
        while (pos < line.length() && line.charAt(pos) == '[') {
            int close = line.indexOf(']', pos);
            if (close < 0) {
                break;
            }
            String d = line.substring(pos + 1, close).trim();
            pos = close + 1;
            boolean last = pos >= line.length() || line.charAt(pos) != '[';
            if (UPTIME.matcher(d).matches()) {
                uptime = Timestamps.seconds(d.substring(0, d.length() - 1));
            } else if (MILLIS.matcher(d).matches()) {
                long ms = Long.parseLong(d.substring(0, d.length() - 2));
                if (ms >= EPOCH_2001_MILLIS) {
                    wall = wall != null ? wall : Instant.ofEpochMilli(ms);
                } else {
                    uptime = ms / 1e3;
                }
            } else if (NANOS.matcher(d).matches()) {
                double s = Long.parseLong(d.substring(0, d.length() - 2)) / 1e9;
                nanosUptime = Double.isNaN(nanosUptime) ? s : Math.min(nanosUptime, s);
            } else if (NUMBER.matcher(d).matches()) {
                if (numbers++ == 0) {
                    first = Long.parseLong(d);
                }
            } else if (LEVEL.matcher(d).matches()) {
                level = d.trim();
            } else if (last && TAGS.matcher(d).matches()) {
                tags = d.trim();
            } else if (Character.isDigit(d.isEmpty() ? ' ' : d.charAt(0))) {
                Instant w = Timestamps.wallClock(d);
                if (w != null && wall == null) {
                    wall = w;
                }
            }
        }
        if (Double.isNaN(uptime)) {
            uptime = nanosUptime;
        }
        String message = pos == 0 ? line : line.substring(pos < line.length() && line.charAt(pos) == ' ' ? pos + 1 : pos);
        return new Decorations(uptime, wall, first, numbers == 1, level, tags, message);
    }
}

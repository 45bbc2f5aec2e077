package io.offheap.analyzer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows retainers from dump to dump. A retainer is matched by {@link RetainerKey}: class, field and path
 * from the GC root. Retainers of one dump with the same key (one per thread, say) are summed. A key left
 * unmatched is then matched by class and field alone when exactly one unmatched retainer on each side has
 * them: the holder is the same, only its shortest path from a root changed (another root found first,
 * a collection rearranged). Anything else appeared or vanished.
 */
final class Comparisons {
    private Comparisons() {
    }

    /** One retainer's figures: {@code bytes[i]}, {@code buffers[i]} for dump i; {@code newest}: as last seen. */
    private static final class Series {
        Retainer newest;
        boolean pathChanged;
        final long[] bytes;
        final int[] buffers;

        Series(int dumps) {
            bytes = new long[dumps];
            buffers = new int[dumps];
        }
    }

    static Comparison of(List<Diagnosis> diagnoses) {
        if (diagnoses.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two or more dumps, got " + diagnoses.size());
        }
        int n = diagnoses.size();
        List<String> warnings = new ArrayList<>();
        double[] hours = hours(diagnoses, warnings);
        List<Snapshot> dumps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Diagnosis d = diagnoses.get(i);
            dumps.add(new Snapshot(d.dump(), hours == null ? null : hours[i], d.totals(), d.accounting()));
            if (d.dump().truncated()) {
                warnings.add(d.dump().path() + " is truncated: its figures are lower bounds, and growth measured "
                        + "against it is not reliable");
            }
        }

        List<RetainerGrowth> retainers = new ArrayList<>();
        for (Series s : follow(diagnoses)) {
            List<Long> bytes = Arrays.stream(s.bytes).boxed().toList();
            Retainer r = s.newest;
            retainers.add(new RetainerGrowth(r.className(), r.staticHolder(), r.field(), r.root(), r.path(), s.pathChanged,
                    bytes, Arrays.stream(s.buffers).boxed().toList(), hours == null ? null : Slope.perHour(hours, bytes)));
        }
        retainers.sort(Comparator.comparingLong(RetainerGrowth::deltaBytes).reversed()
                .thenComparing(Comparator.comparingLong((RetainerGrowth g) -> g.bytes().get(n - 1)).reversed())
                .thenComparing(RetainerGrowth::holderName));
        Double elapsed = hours == null ? null : hours[n - 1];
        Double liveRate = hours == null ? null
                : Slope.perHour(hours, dumps.stream().map(s -> s.totals().liveBytes()).toList());
        return new Comparison(List.copyOf(dumps), List.copyOf(retainers), elapsed, liveRate,
                GrowthVerdict.of(dumps, retainers, elapsed), List.copyOf(warnings));
    }

    /** Every retainer of every dump, followed from dump to dump, in order of first appearance. */
    private static List<Series> follow(List<Diagnosis> diagnoses) {
        int n = diagnoses.size();
        List<Series> all = new ArrayList<>();
        Map<RetainerKey, Series> byKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Map<RetainerKey, List<Retainer>> here = new LinkedHashMap<>();
            for (Retainer r : diagnoses.get(i).retainers()) {
                here.computeIfAbsent(RetainerKey.of(r), k -> new ArrayList<>()).add(r);
            }
            matchChangedPaths(here.keySet(), byKey);
            for (Map.Entry<RetainerKey, List<Retainer>> e : here.entrySet()) {
                Series s = byKey.computeIfAbsent(e.getKey(), k -> {
                    Series created = new Series(n);
                    all.add(created);
                    return created;
                });
                for (Retainer r : e.getValue()) {
                    s.bytes[i] += r.attributedBytes();
                    s.buffers[i] += r.buffers();
                }
                s.newest = e.getValue().get(0);
            }
        }
        return all;
    }

    /**
     * Links a key of this dump that no earlier dump had to the one earlier series absent from this dump with
     * the same class and field. Several on either side: no way to tell which became which; they appear
     * and vanish instead.
     */
    private static void matchChangedPaths(Set<RetainerKey> here, Map<RetainerKey, Series> byKey) {
        Map<RetainerKey, List<RetainerKey>> newKeys = new HashMap<>();
        Set<Series> present = new HashSet<>();
        for (RetainerKey key : here) {
            if (byKey.containsKey(key)) {
                present.add(byKey.get(key));
            } else {
                newKeys.computeIfAbsent(key.loose(), k -> new ArrayList<>()).add(key);
            }
        }
        Map<RetainerKey, Set<Series>> absent = new HashMap<>();
        byKey.forEach((key, series) -> {
            if (!present.contains(series)) {
                absent.computeIfAbsent(key.loose(), k -> new HashSet<>()).add(series);
            }
        });
        newKeys.forEach((loose, keys) -> {
            Set<Series> candidates = absent.getOrDefault(loose, Set.of());
            if (keys.size() == 1 && candidates.size() == 1) {
                Series s = candidates.iterator().next();
                s.pathChanged = true;
                byKey.put(keys.get(0), s);
            }
        });
    }

    /** Each dump's time in hours since the first; null (and a warning) unless the times strictly increase. */
    private static double[] hours(List<Diagnosis> dumps, List<String> warnings) {
        double[] hours = new double[dumps.size()];
        for (int i = 1; i < dumps.size(); i++) {
            DumpInfo first = dumps.get(0).dump();
            DumpInfo previous = dumps.get(i - 1).dump();
            DumpInfo current = dumps.get(i).dump();
            hours[i] = Duration.between(first.timestamp(), current.timestamp()).toMillis() / 3_600_000.0;
            if (hours[i] <= hours[i - 1]) {
                warnings.add(current.path() + " was not written after " + previous.path()
                        + " (by the timestamps in the dumps): give the dumps oldest first; no growth rate is given");
                return null;
            }
        }
        return hours;
    }
}

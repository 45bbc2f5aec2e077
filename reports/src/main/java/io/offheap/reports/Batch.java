package io.offheap.reports;

import io.offheap.analyzer.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The outcome of {@code offheap batch}: one entry per input, in the order they were analysed. */
public record Batch(List<BatchEntry> entries, Severity failOn) {

    /**
     * Analysed dumps worst first (most severe finding, then most native memory held or waiting), then the
     * inputs that could not be analysed, in input order.
     */
    public List<BatchEntry> worstFirst() {
        Comparator<BatchEntry> bySeverity = Comparator.comparing(BatchEntry::worst, Comparator.nullsFirst(Comparator.naturalOrder()));
        List<BatchEntry> ranked = new ArrayList<>(entries.stream().filter(BatchEntry::isAnalysed).toList());
        ranked.sort(bySeverity.thenComparingLong(BatchEntry::heldBytes).reversed());
        ranked.addAll(entries.stream().filter(e -> !e.isAnalysed()).toList());
        return ranked;
    }

    public long analysed() {
        return entries.stream().filter(BatchEntry::isAnalysed).count();
    }

    public long failed() {
        return entries.size() - analysed();
    }
}

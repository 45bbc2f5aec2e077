package io.offheap.analyzer;

import java.util.List;

/** Least-squares growth rate of a figure over time, in units per hour. */
final class Slope {
    private Slope() {
    }

    /** {@code hours[i]} is dump i's time since the first dump; null when all times are equal. */
    static Double perHour(double[] hours, List<Long> values) {
        int n = hours.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += hours[i] / n;
            meanY += (double) values.get(i) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (hours[i] - meanX) * (values.get(i) - meanY);
            sxx += (hours[i] - meanX) * (hours[i] - meanX);
        }
        return sxx == 0 ? null : sxy / sxx;
    }
}

package io.offheap.gclog;

/** Sizes as HotSpot prints them: a number with an optional B/K/M/G/T suffix (binary units). */
final class Sizes {
    private Sizes() {
    }

    /** Bytes for {@code value} in {@code unit}; -1 when the product does not fit a long. */
    static long bytes(long value, String unit) {
        int shift = switch (unit.isEmpty() ? 'B' : Character.toUpperCase(unit.charAt(0))) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        return value > (Long.MAX_VALUE >> shift) ? -1 : value << shift;
    }

    /** Bytes for text like {@code 64m} or {@code 1024K}; -1 if it is not such a size. */
    static long parse(String text) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 18 || text.length() - i > 1) {
            return -1;
        }
        String unit = text.substring(i);
        if (!unit.isEmpty() && "bBkKmMgGtT".indexOf(unit.charAt(0)) < 0) {
            return -1;
        }
        return bytes(Long.parseLong(text.substring(0, i)), unit);
    }
}

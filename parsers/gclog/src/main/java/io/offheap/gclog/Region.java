package io.offheap.gclog;

/**
 * One row of a G1 region table ({@code -Xlog:gc+heap+region=trace}).
 *
 * @param start  region bottom (inclusive)
 * @param end    region end (exclusive)
 * @param type   the type tag as printed: {@code E}, {@code S}, {@code O}, {@code HS}, {@code HC}, {@code F},
 *               {@code OA}/{@code CA} (archive) ...
 */
public record Region(long start, long end, String type) {

    /** Eden and survivor regions are young; old, humongous and archive regions are old; free is neither. */
    public Generation generation() {
        return switch (type) {
            case "E", "S" -> Generation.YOUNG;
            case "O", "HS", "HC", "OA", "CA", "A" -> Generation.OLD;
            default -> Generation.UNKNOWN;
        };
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}

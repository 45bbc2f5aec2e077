package io.offheap.reports;

import java.util.List;
import java.util.Locale;

/**
 * A chart as the shapes it is drawn with, in its own coordinates (the SVG viewBox), so charts are
 * computed and tested in Java and drawn by one template ({@code chart.jte}) that escapes every title.
 * CSS classes carry the colours, so a state has the same colour in every chart, the legend and the table.
 */
final class Svg {
    private Svg() {
    }

    /** One chart: shapes in drawing order (later ones on top) and the legend shown under it. */
    record Chart(String id, String label, double width, double height, List<Shape> shapes, List<Legend> legend) {
    }

    /** A legend entry: the CSS class of its swatch ({@code s-live}, {@code line-heap}...) and its text. */
    record Legend(String css, String text) {
    }

    sealed interface Shape permits Rect, Line, Path, Dot, Label {
    }

    /** {@code title} is the tooltip (null for none). */
    record Rect(double x, double y, double w, double h, String css, String title) implements Shape {
    }

    record Line(double x1, double y1, double x2, double y2, String css, String title) implements Shape {
    }

    /** A path in SVG path syntax, built only from numbers and commands by {@link PathBuilder}. */
    record Path(String d, String css, String title) implements Shape {
    }

    record Dot(double x, double y, double r, String css, String title) implements Shape {
    }

    /** Text at (x, y); {@code css} sets anchor and style (e.g. {@code t-end}, {@code t-small}). */
    record Label(double x, double y, String text, String css) implements Shape {
    }

    /** Coordinates with at most one decimal: enough for a screen, and small files. */
    static String n(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    /** Builds an SVG path from numbers only; {@link #moveTo} starts a new piece (a gap in a line). */
    static final class PathBuilder {
        private final StringBuilder d = new StringBuilder();
        private boolean open;

        PathBuilder moveTo(double x, double y) {
            d.append(d.isEmpty() ? "" : " ").append('M').append(n(x)).append(' ').append(n(y));
            open = true;
            return this;
        }

        PathBuilder lineTo(double x, double y) {
            if (!open) {
                return moveTo(x, y);
            }
            d.append(" L").append(n(x)).append(' ').append(n(y));
            return this;
        }

        /** Ends the current piece: the next point starts a new one. */
        PathBuilder gap() {
            open = false;
            return this;
        }

        boolean isEmpty() {
            return d.isEmpty();
        }

        String build() {
            return d.toString();
        }
    }
}

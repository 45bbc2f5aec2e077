package io.offheap.hprof;

/**
 * HotSpot writes class names in internal form ({@code java/lang/String}, {@code [Ljava/lang/Object;}),
 * the old hprof agent with dots; both become {@code java.lang.String} and {@code java.lang.Object[]}.
 */
final class ClassNames {
    private ClassNames() {
    }

    /** The name of a class whose LOAD CLASS record is missing or names nothing. */
    static String unnamed(long classId) {
        return "class@0x" + Long.toHexString(classId);
    }

    /** A non-empty raw name in dotted form. */
    static String normalize(String raw) {
        int dims = 0;
        while (dims < raw.length() && raw.charAt(dims) == '[') {
            dims++;
        }
        String element = raw.substring(dims);
        if (dims > 0) {
            element = switch (element) {
                case "Z" -> "boolean";
                case "C" -> "char";
                case "F" -> "float";
                case "D" -> "double";
                case "B" -> "byte";
                case "S" -> "short";
                case "I" -> "int";
                case "J" -> "long";
                default -> element.startsWith("L") && element.endsWith(";")
                        ? element.substring(1, element.length() - 1) : element;
            };
        }
        return element.replace('/', '.') + "[]".repeat(dims);
    }
}

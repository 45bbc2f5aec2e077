package io.offheap.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Writes a report the user asked for and says where; a failure becomes a one-line error naming the file. */
final class ReportFile {
    @FunctionalInterface
    interface Writer {
        void write(Path target) throws IOException;
    }

    private ReportFile() {
    }

    /** Does nothing when {@code target} is null (the option was not given). */
    static void write(Path target, String format, Writer writer, PrintStream err) throws CommandException {
        if (target == null) {
            return;
        }
        try {
            writer.write(target);
        } catch (IOException e) {
            throw new CommandException(ExitCode.BAD_INPUT, target + ": cannot write the " + format + " report: " + e.getMessage(), e);
        }
        err.println("offheap: " + format + " report written to " + target);
    }
}

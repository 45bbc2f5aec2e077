package io.offheap.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;

import java.io.PrintStream;

/**
 * {@code offheap trend <dump> <dump> <dump>... [--json <file>] [--html <file>]}: the diff over three or more
 * dumps of one JVM in time order, with each retainer's growth rate (least squares) and, in HTML, a chart.
 */
final class TrendCommand {
    private TrendCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws CommandException, ParseException {
        CommandLine cl = new DefaultParser().parse(DiffCommand.options(), args);
        if (cl.getArgList().size() < 3) {
            throw new CommandException(ExitCode.USAGE, "trend takes three or more heap dumps, oldest first, got "
                    + cl.getArgList().size() + (cl.getArgList().size() == 2 ? " (for two, use diff)" : ""));
        }
        return DiffCommand.compare(cl, out, err);
    }
}

package io.offheap.cli;

import org.apache.commons.cli.ParseException;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code offheap} command. Text summary on stdout, progress and warnings on stderr; exit codes
 * 0 analysed, 1 bad input, 2 usage error, 3 a finding at or above {@code --fail-on}.
 */
public final class Main {
    static final String USAGE = """
            usage: offheap analyze <dump.hprof[.gz]> [--gc-log <file|dir>]... [--json <file>] [--html <file>]
                                  [--fail-on <severity>] [--debug]
                   offheap gc <gc log>... [--json <file>]
                   offheap diff <older dump> <newer dump> [--json <file>] [--html <file>]
                   offheap trend <dump> <dump> <dump>... [--json <file>] [--html <file>]    (oldest first)
                   offheap batch <dir|glob|dump>... --out <dir> [--gc-logs <dir>] [--fail-on <severity>]
                   offheap demo
            Explains where a JVM's off-heap (direct buffer) memory went, from a HotSpot heap dump and its GC logs.
            batch takes *.hprof, *.hprof.gz and files that start with JAVA PROFILE (directories searched
              recursively), one at a time, with GC logs named after each dump (app.gc.log, app.log) beside it or
              in --gc-logs; writes a JSON and an HTML report per dump, summary.json and index.html (worst first).
              An input that cannot be analysed is recorded with its error and the run goes on.
            Exit codes: 0 analysed; 1 input unreadable (batch: no dump could be analysed); 2 usage error;
              3 a finding at or above --fail-on (batch: in any dump).
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        try {
            if (args.length == 0) {
                throw new CommandException(ExitCode.USAGE, "no command given");
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            return switch (args[0]) {
                case "analyze" -> AnalyzeCommand.run(rest, out, err);
                case "gc" -> GcCommand.run(rest, out, err);
                case "diff" -> DiffCommand.run(rest, out, err);
                case "trend" -> TrendCommand.run(rest, out, err);
                case "batch" -> BatchCommand.run(rest, out, err);
                case "demo" -> DemoCommand.run(rest, out, err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield ExitCode.ANALYSED;
                }
                default -> throw new CommandException(ExitCode.USAGE, "unknown command '" + args[0] + "'");
            };
        } catch (CommandException e) {
            err.println("offheap: " + e.getMessage());
            if (e.exitCode == ExitCode.USAGE) {
                err.print(USAGE);
            }
            if (debug && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return e.exitCode;
        } catch (ParseException e) {
            err.println("offheap: " + e.getMessage());
            err.print(USAGE);
            return ExitCode.USAGE;
        } catch (OutOfMemoryError e) {
            Runtime rt = Runtime.getRuntime();
            err.printf("offheap: ran out of memory while analysing (Java heap limit %d MiB). Give it more with "
                    + "OFFHEAP_OPTS=-Xmx<size> (for example -Xmx%dg) and run again.%n",
                    rt.maxMemory() >> 20, Math.max(2, 2 * (rt.maxMemory() >> 30)));
            return ExitCode.BAD_INPUT;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            err.println("offheap: internal error: " + oneLine(e) + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.BAD_INPUT;
        }
    }

    /** An exception as one line: messages can carry line breaks (and text from the dump). */
    static String oneLine(Throwable e) {
        return e.toString().replaceAll("[\\r\\n]+", " ");
    }
}

package io.offheap.cli;

import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.Severity;
import io.offheap.reports.Reports;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code offheap analyze <dump> [--gc-log <file|dir>]... [--json <file>] [--html <file>] [--fail-on <severity>]}. */
final class AnalyzeCommand {
    private AnalyzeCommand() {
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("gc-log").hasArg().argName("file|dir")
                .desc("the same JVM's GC log (repeat for rotated files; a directory means all logs in it)").build());
        o.addOption(Option.builder().longOpt("json").hasArg().argName("file").desc("write the JSON report").build());
        o.addOption(Option.builder().longOpt("html").hasArg().argName("file")
                .desc("write the self-contained HTML report").build());
        o.addOption(Option.builder().longOpt("fail-on").hasArg().argName("severity")
                .desc("exit 3 if a finding is at least this severe: critical, warning or info").build());
        o.addOption(Option.builder().longOpt("debug").desc("print stack traces of errors").build());
        return o;
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws CommandException, ParseException {
        CommandLine cl = new DefaultParser().parse(options(), args);
        if (cl.getArgList().size() != 1) {
            throw new CommandException(ExitCode.USAGE, "analyze takes exactly one heap dump, got " + cl.getArgList().size());
        }
        Path dump = Path.of(cl.getArgList().get(0));
        Severity failOn = severity(cl.getOptionValue("fail-on"));
        Path json = cl.hasOption("json") ? Path.of(cl.getOptionValue("json")) : null;
        Path html = cl.hasOption("html") ? Path.of(cl.getOptionValue("html")) : null;
        List<Path> logs = cl.hasOption("gc-log") ? List.of(cl.getOptionValues("gc-log")).stream().map(Path::of).toList() : List.of();
        List<Path> inputs = new ArrayList<>(logs);
        inputs.add(dump);
        refuseToOverwriteInput(json, inputs);
        refuseToOverwriteInput(html, inputs);
        Diagnosis d = DumpAnalysis.run(dump, logs.isEmpty() ? null : GcLogInput.read(logs));
        return report(d, json, html, failOn, out, err);
    }

    static int report(Diagnosis d, Path json, Path html, Severity failOn, PrintStream out, PrintStream err)
            throws CommandException {
        for (String w : d.warnings()) {
            err.println("offheap: warning: " + w);
        }
        if (d.gc() != null) {
            d.gc().warnings().forEach(w -> err.println("offheap: warning: " + w));
        }
        out.print(Reports.text(d));
        ReportFile.write(err, new ReportFile.Request(json, "JSON", t -> Reports.writeJson(d, t)),
                new ReportFile.Request(html, "HTML", t -> Reports.writeHtml(d, t)));
        if (failOn != null) {
            for (Finding f : d.findings()) {
                if (f.severity().compareTo(failOn) >= 0) {
                    return ExitCode.FINDING_AT_OR_ABOVE_FAIL_ON;
                }
            }
        }
        return ExitCode.ANALYSED;
    }

    static Severity severity(String value) throws CommandException {
        if (value == null) {
            return null;
        }
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, "--fail-on: " + e.getMessage());
        }
    }

    /** Outputs must never replace an input (a mistyped --json pointing at the dump would destroy it). */
    static void refuseToOverwriteInput(Path output, List<Path> inputs) throws CommandException {
        if (output == null) {
            return;
        }
        List<Path> existing = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.exists(in)) {
                existing.add(in);
            }
        }
        for (Path in : existing) {
            try {
                if (Files.exists(output) && Files.isSameFile(output, in)
                        || output.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize())) {
                    throw new CommandException(ExitCode.USAGE, output + ": is one of the inputs; refusing to overwrite it");
                }
            } catch (IOException e) {
                throw new CommandException(ExitCode.BAD_INPUT, output + ": cannot be checked: " + e.getMessage(), e);
            }
        }
    }
}

package io.offheap.cli;

import io.offheap.analyzer.Analyzer;
import io.offheap.analyzer.GcReport;
import io.offheap.reports.Reports;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code offheap gc <log>... [--json <file>]}: GC logs alone, for the collection summary and the flag findings. */
final class GcCommand {
    private GcCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws CommandException, ParseException {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("json").hasArg().argName("file").build());
        o.addOption(Option.builder().longOpt("debug").build());
        CommandLine cl = new DefaultParser().parse(o, args);
        if (cl.getArgList().isEmpty()) {
            throw new CommandException(ExitCode.USAGE, "gc takes one or more GC logs (files or directories)");
        }
        List<Path> logs = cl.getArgList().stream().map(Path::of).toList();
        Path json = cl.hasOption("json") ? Path.of(cl.getOptionValue("json")) : null;
        AnalyzeCommand.refuseToOverwriteInput(json, logs);
        GcReport report = Analyzer.analyze(GcLogInput.read(logs));
        report.gc().warnings().forEach(w -> err.println("offheap: warning: " + w));
        out.print(Reports.text(report));
        ReportFile.write(err, new ReportFile.Request(json, "JSON", t -> Reports.writeJson(report, t)));
        return ExitCode.ANALYSED;
    }
}

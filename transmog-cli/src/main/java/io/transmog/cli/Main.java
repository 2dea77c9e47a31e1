package io.transmog.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code transmog} command: entry point of the executable jar.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} does all the work and returns the exit code, so that it can be
 * called (and tested) without ending the JVM; only {@link #main(String[])} calls {@link System#exit(int)}.
 */
@Command(
    name = "transmog",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    descriptionHeading = "%n",
    description = {
      "Turns large, deeply nested JSON into relational tables.",
      "",
      "One main table, one child table per array of objects, rows linked by generated IDs (_id, _parent_id);"
          + " written as CSV, JSON Lines or any other format whose writer plugin is on the class path.",
    },
    commandListHeading = "%nCommands:%n",
    optionListHeading = "%nOptions:%n",
    subcommands = {FlattenCommand.class, FormatsCommand.class, HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCode.HELP_0, ExitCode.HELP_1, ExitCode.HELP_2, ExitCode.HELP_3, ExitCode.HELP_4,
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  transmog flatten orders.jsonl --name orders --out out",
      "  transmog flatten events.json --format jsonl --array-mode separate",
      "  transmog formats",
      "  transmog help flatten",
    })
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DebugOption debugOption;

  /** Only picocli creates instances. */
  Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line without exiting the JVM.
   *
   * @param args the command-line arguments
   * @param out where results, help and the version go
   * @param err where error messages go
   * @return the exit code: 0 success, 1 bad input data, 2 usage or configuration error, 3 I/O error, 4 internal error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args must not be null");
    PrintWriter outWriter = writer(out);
    PrintWriter errWriter = writer(err);
    try {
      return commandLine(outWriter, errWriter).execute(args);
    } catch (Error e) {
      // picocli handles exceptions; an Error (out of memory, stack overflow) still gets a one-line message
      return ErrorHandler.handleError(e, errWriter, Arrays.asList(args).contains(DebugOption.NAME));
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    ErrorHandler handler = new ErrorHandler();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(handler);
    cl.setExecutionExceptionHandler(handler);
    return cl;
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(stream, true);
  }

  /** Without a command: explain and fail as a usage error. */
  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    cl.getErr().println(ErrorHandler.PREFIX + "missing command; choose one of: flatten, formats, help");
    cl.getErr().println();
    cl.usage(cl.getErr());
    return ExitCode.USAGE;
  }
}

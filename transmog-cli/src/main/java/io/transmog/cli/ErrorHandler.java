package io.transmog.cli;

import io.transmog.api.MalformedInputException;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogException;
import io.transmog.api.WriterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error into one message line on standard error and an exit code (see {@link ExitCode}). Expected errors
 * never show a stack trace unless {@code --debug} is given; unexpected ones print one line and a hint to use it.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final String PREFIX = "transmog: ";
  static final String DEBUG_HINT = "(run with --debug for the stack trace)";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(PREFIX + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean debug = debugRequested(parseResult);
    int code;
    String message;
    boolean expected = true;
    if (ex instanceof CliException) {
      code = ((CliException) ex).exitCode();
      message = ex.getMessage();
    } else if (ex instanceof MalformedInputException) {
      code = ExitCode.BAD_INPUT;
      message = "malformed input: " + ex.getMessage();
    } else if (ex instanceof TransmogConfigurationException) {
      code = ExitCode.USAGE;
      message = ex.getMessage();
    } else if (ex instanceof WriterException) {
      code = ExitCode.IO;
      message = ex.getMessage();
    } else if (ex instanceof TransmogException) {
      // the engine's own errors carry a message meant for the user; an I/O cause means the file, not the data
      code = hasIoCause(ex) ? ExitCode.IO : ExitCode.BAD_INPUT;
      message = ex.getMessage();
    } else if (ex instanceof UncheckedIOException || ex instanceof IOException) {
      code = ExitCode.IO;
      message = "I/O error: " + ioMessage(ex);
    } else {
      code = ExitCode.INTERNAL;
      message = "unexpected error: " + ex;
      expected = false;
    }
    err.println(PREFIX + message);
    if (debug) {
      ex.printStackTrace(err);
    } else if (!expected) {
      err.println(DEBUG_HINT);
    }
    err.flush();
    return code;
  }

  /** Handles an error thrown outside picocli's execution (an {@link Error} such as running out of memory). */
  static int handleError(Throwable t, PrintWriter err, boolean debug) {
    if (t instanceof OutOfMemoryError) {
      err.println(PREFIX + "out of memory: " + t.getMessage()
          + "; give the JVM more with JAVA_OPTS=-Xmx<size> or try --low-memory");
    } else {
      err.println(PREFIX + "unexpected error: " + t);
    }
    if (debug) {
      t.printStackTrace(err);
    } else {
      err.println(DEBUG_HINT);
    }
    err.flush();
    return ExitCode.INTERNAL;
  }

  static boolean debugRequested(ParseResult parseResult) {
    for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      if (pr.hasMatchedOption(DebugOption.NAME)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasIoCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof UncheckedIOException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private static String ioMessage(Exception ex) {
    Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}

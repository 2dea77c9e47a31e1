package io.transmog.cli;

/**
 * The exit codes of the {@code transmog} command. Also listed in every command's help and in the module README.
 */
final class ExitCode {
  /** The command did what it was asked. */
  static final int OK = 0;
  /** The input data could not be flattened: malformed JSON, or content Transmog cannot accept. */
  static final int BAD_INPUT = 1;
  /** The command line or the configuration is wrong: unknown option or format, bad option value. */
  static final int USAGE = 2;
  /** A file problem: input missing or unreadable, output directory not empty (without --overwrite) or unwritable. */
  static final int IO = 3;
  /** An unexpected internal error (a bug): one line is printed, {@code --debug} shows the stack trace. */
  static final int INTERNAL = 4;

  // The exit-code list shown in the help of every command, as picocli "key:value" lines (annotation constants).
  static final String HELP_0 = "0:success";
  static final String HELP_1 = "1:bad input data: malformed JSON (the message names file, line, byte offset and path)";
  static final String HELP_2 = "2:usage or configuration error: unknown option or format, bad option value";
  static final String HELP_3 = "3:I/O error: input file missing or unreadable, output directory not empty (without"
      + " --overwrite) or not writable";
  static final String HELP_4 = "4:unexpected internal error (run with --debug for the stack trace)";

  private ExitCode() {}
}

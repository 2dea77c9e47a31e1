package io.transmog.cli;

import picocli.CommandLine.Option;

/** The {@code --debug} flag, mixed into every command; {@link ErrorHandler} looks for it in the parse result. */
final class DebugOption {
  static final String NAME = "--debug";

  @Option(names = NAME, description = "On an error, also print the stack trace.")
  boolean debug;
}

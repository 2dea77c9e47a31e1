package io.transmog.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/** Runs {@link Main#run} in-process and captures what it prints. */
final class Cli {
  // Main.run writes in the platform charset, as System.out does
  private static final Charset CS = Charset.defaultCharset();

  private Cli() {}

  /** The outcome of one run. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, CS);
        PrintStream e = new PrintStream(err, true, CS)) {
      code = Main.run(args, o, e);
    }
    return new Result(code, out.toString(CS), err.toString(CS));
  }

  /** @return the path of a test resource next to this class */
  static Path resource(String name) {
    try {
      return Path.of(Cli.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }
}

/**
 * The {@code transmog} command line: {@code transmog flatten} and {@code transmog formats}.
 *
 * <p>Writers are not required here: they are found at run time by {@link java.util.ServiceLoader} in
 * {@code io.transmog.core}, on the module path and on the class path alike (the shipped {@code transmog.jar} is a
 * class-path jar).
 */
module io.transmog.cli {
  requires io.transmog.core;
  requires info.picocli;

  // picocli instantiates the commands and injects their annotated fields reflectively
  opens io.transmog.cli to info.picocli;
}

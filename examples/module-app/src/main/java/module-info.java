/**
 * A named application module that embeds Transmog. It requires the engine only; writer plugins on the module path
 * (here {@code io.transmog.io.csv}) are bound as services because {@code io.transmog.core} {@code uses} the writer
 * SPI, so the application names none of them.
 */
module io.transmog.example.app {
  requires io.transmog.core;
}

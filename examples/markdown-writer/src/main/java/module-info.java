/**
 * An example Transmog writer plugin: tables as GitHub Markdown tables. It requires the API module only, and declares
 * its provider here for the module path and in {@code META-INF/services} for the class path.
 */
module io.transmog.example.markdown {
  requires io.transmog.api;

  provides io.transmog.api.spi.TableWriterProvider with io.transmog.example.markdown.MarkdownWriterProvider;
}

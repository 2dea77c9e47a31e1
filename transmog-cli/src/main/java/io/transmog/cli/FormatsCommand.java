package io.transmog.cli;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.core.WriterRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code transmog formats}: lists the writers found on the class path or module path. */
@Command(
    name = "formats",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    descriptionHeading = "%n",
    description = {
      "Lists the output formats available to 'transmog flatten --format'.",
      "",
      "Shows, for every writer plugin found (by ServiceLoader, on the class path or module path): its format name,"
          + " its file extensions, a description and the option keys it accepts with 'flatten -O KEY=VALUE'."
          + " The jsonl writer is built in; csv ships with the transmog jar; other plugins are added to the class"
          + " path.",
    },
    optionListHeading = "%nOptions:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCode.HELP_0, ExitCode.HELP_2, ExitCode.HELP_4},
    footerHeading = "%nExample:%n",
    footer = {"  transmog formats"})
final class FormatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DebugOption debugOption;

  @Override
  public Integer call() {
    WriterRegistry registry = WriterRegistry.discover();
    PrintWriter out = spec.commandLine().getOut();
    List<TableWriterProvider> providers = registry.providers();
    int width = 6; // "FORMAT"
    for (TableWriterProvider p : providers) {
      width = Math.max(width, p.format().length());
    }
    for (TableWriterProvider p : providers) {
      List<String> extensions = new ArrayList<>();
      for (String ext : p.fileExtensions()) {
        extensions.add("." + ext);
      }
      out.printf("%-" + width + "s  %s%n", p.format(), p.description());
      String indent = " ".repeat(width + 2);
      out.printf("%sextensions: %s%n", indent, String.join(", ", extensions));
      out.printf("%soptions:    %s%n", indent,
          p.optionKeys().isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(p.optionKeys())));
    }
    for (String error : registry.loadErrors()) {
      spec.commandLine().getErr().println(ErrorHandler.PREFIX + "warning: a writer plugin failed to load: " + error);
    }
    out.flush();
    return ExitCode.OK;
  }
}

package io.transmog.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the Transmog version (from the build) and the Java runtime for {@code --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "transmog " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
          + System.getProperty("java.vendor") + ")",
    };
  }

  /** @return the version of this build, or {@code unknown} if the build did not record it */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String v = p.getProperty("version", "unknown");
    return v.startsWith("${") ? "unknown" : v;
  }
}

package io.transmog.archtests;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The classes of the shipped modules ({@code transmog-api}, {@code -core}, {@code -io-*}, {@code -cli}), imported
 * once from this module's test class path, that is from the built jars of the reactor. Test classes are excluded.
 */
final class ShippedClasses {
  /** Imported lazily on first use and shared by every test class of this module. */
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.transmog");

  private ShippedClasses() {}

  /**
   * Returns the JPMS module a package belongs to, by the project's naming rule: the package root is the module name,
   * {@code io.transmog.<name>} for api, core and cli, {@code io.transmog.io.<format>} for writer plugins.
   *
   * @param packageName a package under {@code io.transmog}
   * @return the module name, e.g. {@code io.transmog.io.csv}
   */
  static String moduleOf(String packageName) {
    String[] parts = packageName.split("\\.");
    int segments = parts.length > 2 && parts[2].equals("io") ? 4 : 3;
    return String.join(".", java.util.Arrays.copyOf(parts, Math.min(segments, parts.length)));
  }

  /**
   * Tells whether a class lives in a non-exported {@code internal} package.
   *
   * @param c the class
   * @return whether any segment of its package is {@code internal}
   */
  static boolean isInternal(JavaClass c) {
    String p = c.getPackageName();
    return p.endsWith(".internal") || p.contains(".internal.");
  }
}

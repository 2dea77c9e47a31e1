package io.transmog.archtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Spark stays in {@code transmog-spark} (issue #8): no other module's dependency tree holds {@code org.apache.spark},
 * and in {@code transmog-spark} itself Spark is {@code provided} (the cluster brings it), so that it does not reach
 * the users of that artifact's dependencies either.
 *
 * <p>How, from two sides: (1) this module's test class path holds every published module with its compile and runtime
 * dependencies, {@code transmog-spark} included, so a Spark jar on it (or a loadable Spark class) would mean Spark
 * leaks through some published module's runtime tree; (2) every POM of the reactor's {@code <modules>} (the examples
 * and the benchmarks too) is read: only {@code transmog-spark} may name an {@code org.apache.spark} artifact, only with
 * {@code provided} or {@code test} scope, and no module but this one depends on {@code transmog-spark}.
 */
class SparkIsolationTest {
  private static final String SPARK_GROUP = "org.apache.spark";
  private static final String SPARK_MODULE = "transmog-spark";
  private static final Path ROOT = repoRoot();

  @Test
  void import_includesTheSparkModule() {
    // so that the ArchUnit rules (ArchitectureTest.sparkApi_exposesOnlySparkAsThirdPartyTypes, the standard-streams
    // rule, NoGlobalStateTest) do look at it: its classes import fine without Spark on the class path
    assertThat(ShippedClasses.CLASSES.contain("io.transmog.spark.SparkTransmog")).isTrue();
    assertThat(ShippedClasses.CLASSES.contain("io.transmog.spark.SparkMain")).isTrue();
    assertThat(ShippedClasses.CLASSES.contain("io.transmog.spark.internal.ChunkConverter")).isTrue();
  }

  @Test
  void testClassPath_ofEveryPublishedModule_holdsNoSpark() {
    List<String> spark = new ArrayList<>();
    List<String> transmogSpark = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String p = entry.replace(File.separatorChar, '/');
      if (p.contains("/org/apache/spark/") || p.matches(".*/spark-[a-z-]+_2\\.1[23]-[^/]*\\.jar")) {
        spark.add(entry);
      }
      if (p.contains("/transmog-spark/") || p.contains("/transmog-spark-")) {
        transmogSpark.add(entry);
      }
    }
    assertThat(transmogSpark).as("transmog-spark is on this class path (else the check below proves nothing)")
        .isNotEmpty();
    assertThat(spark).as("Spark jars brought by the runtime trees of the published modules").isEmpty();
    assertThatThrownBy(() -> Class.forName("org.apache.spark.sql.SparkSession"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void onlyTransmogSpark_namesSpark_andOnlyAsProvidedOrTest() throws Exception {
    TreeMap<String, List<String>> found = sparkDependencies();
    assertThat(found).as("modules whose POM names " + SPARK_GROUP).containsOnlyKeys(SPARK_MODULE);
    assertThat(found.get(SPARK_MODULE)).as("Spark dependencies of " + SPARK_MODULE).isNotEmpty()
        .allMatch(d -> d.endsWith(":provided") || d.endsWith(":test"));
  }

  @Test
  void noModuleButTheArchTests_dependsOnTransmogSpark() throws Exception {
    Set<String> dependents = new TreeSet<>();
    for (String module : rootModules()) {
      Element project = parse(ROOT.resolve(module).resolve("pom.xml"));
      for (Element dep : dependencies(project)) {
        if (text(dep, "artifactId").equals(Optional.of(SPARK_MODULE))) {
          dependents.add(module + ":" + text(dep, "scope").orElse("compile"));
        }
      }
    }
    assertThat(dependents).as("modules depending on " + SPARK_MODULE).containsExactly("transmog-arch-tests:test");
  }

  /** Per module directory, its dependencies (and managed dependencies) on org.apache.spark, as artifactId:scope. */
  private static TreeMap<String, List<String>> sparkDependencies() throws Exception {
    TreeMap<String, List<String>> found = new TreeMap<>();
    List<String> modules = rootModules();
    assertThat(modules).as("root <modules>").contains(SPARK_MODULE, "transmog-core", "transmog-bench");
    for (String module : modules) {
      Element project = parse(ROOT.resolve(module).resolve("pom.xml"));
      List<Element> all = new ArrayList<>(dependencies(project));
      child(project, "dependencyManagement").flatMap(dm -> child(dm, "dependencies"))
          .ifPresent(ds -> all.addAll(children(ds, "dependency")));
      for (Element dep : all) {
        if (text(dep, "groupId").orElse("").startsWith(SPARK_GROUP)) {
          found.computeIfAbsent(module, k -> new ArrayList<>())
              .add(text(dep, "artifactId").orElse("?") + ":" + text(dep, "scope").orElse("compile"));
        }
      }
    }
    // the root pom itself: its dependencyManagement would hand Spark to every module
    Element root = parse(ROOT.resolve("pom.xml"));
    child(root, "dependencyManagement").flatMap(dm -> child(dm, "dependencies")).ifPresent(ds -> {
      for (Element dep : children(ds, "dependency")) {
        assertThat(text(dep, "groupId").orElse("")).as("root dependencyManagement").doesNotStartWith(SPARK_GROUP);
      }
    });
    return found;
  }

  private static List<Element> dependencies(Element project) {
    return child(project, "dependencies").map(ds -> children(ds, "dependency")).orElse(List.of());
  }

  /** The active {@code <module>} entries of the root pom. */
  private static List<String> rootModules() throws Exception {
    Element modules = child(parse(ROOT.resolve("pom.xml")), "modules").orElseThrow();
    List<String> names = new ArrayList<>();
    for (Element m : children(modules, "module")) {
      names.add(m.getTextContent().trim());
    }
    return names;
  }

  private static Element parse(Path pom) throws Exception {
    assertThat(pom).exists();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setNamespaceAware(false);
    return f.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
  }

  private static Optional<Element> child(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  private static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().trim());
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
        out.add((Element) n);
      }
    }
    return out;
  }

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isRegularFile(p.resolve("transmog-bom/pom.xml"))) {
        return p;
      }
    }
    throw new AssertionError("no reactor root above " + Path.of("").toAbsolutePath());
  }
}

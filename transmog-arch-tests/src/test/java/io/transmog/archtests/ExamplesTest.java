package io.transmog.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The example projects under {@code examples/} (issue #9) are what a user writes: they get Transmog only through the
 * BOM and the modules they pick, and they are never published. Reads the POM files of the source tree.
 */
class ExamplesTest {
  private static final Path ROOT = repoRoot();

  @Test
  void everyExample_isBuiltByTheReactor() throws Exception {
    Set<String> onDisk = new TreeSet<>();
    try (var dirs = Files.list(ROOT.resolve("examples"))) {
      dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
          .forEach(d -> onDisk.add("examples/" + d.getFileName()));
    }
    assertThat(onDisk).as("example projects").contains("examples/classpath-app", "examples/module-app",
        "examples/shaded-app", "examples/kafka-style-consumer");
    assertThat(rootModules()).as("root <modules>").containsAll(onDisk);
  }

  @Test
  void examples_areNeverPublished() throws Exception {
    Set<String> bom = new TreeSet<>();
    Element bomProject = parse(ROOT.resolve("transmog-bom/pom.xml"));
    child(bomProject, "dependencyManagement").flatMap(dm -> child(dm, "dependencies"))
        .ifPresent(ds -> children(ds, "dependency").forEach(d -> bom.add(text(d, "artifactId").orElse(""))));
    for (String module : examples()) {
      Element project = parse(ROOT.resolve(module).resolve("pom.xml"));
      String artifactId = text(project, "artifactId").orElseThrow();
      assertThat(bom).as("transmog-bom lists " + artifactId).doesNotContain(artifactId);
      Optional<String> deploySkip = child(project, "properties").flatMap(p -> text(p, "maven.deploy.skip"));
      assertThat(deploySkip).as(module + ": <maven.deploy.skip> (BomTest reads this property)").contains("true");
    }
  }

  @Test
  void examples_getTransmogOnlyThroughTheBom() throws Exception {
    Element root = parse(ROOT.resolve("pom.xml"));
    String version = text(root, "version").orElseThrow();
    for (String module : examples()) {
      Element project = parse(ROOT.resolve(module).resolve("pom.xml"));
      // a Transmog module is named without a version: the version is the BOM's
      for (Element dep : dependencies(project)) {
        if (text(dep, "groupId").equals(Optional.of("io.transmog"))) {
          assertThat(text(dep, "version")).as(module + ": version of " + text(dep, "artifactId").orElse("?"))
              .isEmpty();
        }
      }
      if (child(project, "parent").isPresent()) {
        // (markdown-writer, a plugin example, inherits the build settings and with them the BOM import)
        continue;
      }
      List<Element> managed = child(project, "dependencyManagement").flatMap(dm -> child(dm, "dependencies"))
          .map(ds -> children(ds, "dependency")).orElse(List.of());
      Element bom = managed.stream().filter(d -> text(d, "artifactId").equals(Optional.of("transmog-bom")))
          .findFirst().orElseThrow(() -> new AssertionError(module + " does not import transmog-bom"));
      assertThat(text(bom, "scope")).as(module + ": BOM scope").contains("import");
      assertThat(text(bom, "type")).as(module + ": BOM type").contains("pom");
      String declared = text(bom, "version").orElseThrow();
      String bomVersion = declared.startsWith("${")
          ? child(project, "properties").flatMap(p -> text(p, declared.substring(2, declared.length() - 1)))
              .orElse(declared)
          : declared;
      assertThat(bomVersion).as(module + ": the imported BOM's version is the reactor's").isEqualTo(version);
      // nothing else of Transmog is managed: no version sneaks in around the BOM
      for (Element d : managed) {
        if (text(d, "groupId").equals(Optional.of("io.transmog"))) {
          assertThat(text(d, "artifactId")).as(module + ": managed io.transmog artifacts").contains("transmog-bom");
        }
      }
    }
  }

  @Test
  void parentlessExamples_pinEveryPluginTheyUse() throws Exception {
    for (String module : examples()) {
      Element project = parse(ROOT.resolve(module).resolve("pom.xml"));
      if (child(project, "parent").isPresent()) {
        continue;
      }
      Element build = child(project, "build").orElseThrow(() -> new AssertionError(module + " has no <build>"));
      Set<String> pinned = new TreeSet<>();
      child(build, "pluginManagement").flatMap(pm -> child(pm, "plugins")).ifPresent(ps ->
          children(ps, "plugin").forEach(p -> {
            if (text(p, "version").isPresent()) {
              pinned.add(text(p, "artifactId").orElseThrow());
            }
          }));
      // the default jar lifecycle (Maven 3.8 falls back to ancient versions otherwise)
      assertThat(pinned).as(module + ": pinned plugins").contains("maven-clean-plugin", "maven-resources-plugin",
          "maven-compiler-plugin", "maven-surefire-plugin", "maven-jar-plugin", "maven-install-plugin",
          "maven-deploy-plugin", "maven-site-plugin");
      for (Element p : child(build, "plugins").map(ps -> children(ps, "plugin")).orElse(List.of())) {
        String artifactId = text(p, "artifactId").orElseThrow();
        assertThat(text(p, "version").isPresent() || pinned.contains(artifactId))
            .as(module + ": version of " + artifactId).isTrue();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static List<String> examples() throws Exception {
    List<String> out = new ArrayList<>();
    for (String m : rootModules()) {
      if (m.startsWith("examples/")) {
        out.add(m);
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  private static List<String> rootModules() throws Exception {
    Element modules = child(parse(ROOT.resolve("pom.xml")), "modules").orElseThrow();
    List<String> names = new ArrayList<>();
    for (Element m : children(modules, "module")) {
      names.add(m.getTextContent().trim());
    }
    return names;
  }

  private static List<Element> dependencies(Element project) {
    return child(project, "dependencies").map(ds -> children(ds, "dependency")).orElse(List.of());
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

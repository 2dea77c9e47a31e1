package io.transmog.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM lists exactly the published artifacts of the reactor, and nothing from third parties (style notes 3.4: the
 * BOM must not fight a user's Spark or Spring BOM). Reads the POM files of the source tree.
 */
class BomTest {
  /** Modules that are built but never published; a module can also opt out with {@code maven.deploy.skip}. */
  private static final Set<String> NOT_PUBLISHED =
      Set.of("transmog-arch-tests", "transmog-bench", "transmog-examples", "transmog-bom");

  private static final Path ROOT = repoRoot();

  @Test
  void bom_listsEveryPublishedModule() throws Exception {
    Map<String, String> bom = bomEntries();
    Set<String> published = publishedModules();
    assertThat(published).as("published modules of the root pom").contains("transmog-api", "transmog-core");
    assertThat(bom.keySet()).as("transmog-bom/pom.xml <dependencyManagement>").containsAll(published);
  }

  @Test
  void bom_listsOnlyModulesOfThisReactor() throws Exception {
    Set<String> built = new TreeSet<>();
    for (String module : rootModules()) {
      Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
      built.add(childText(pom.getDocumentElement(), "artifactId").orElseThrow());
    }
    assertThat(built).as("artifacts built by the root pom's <modules>").containsAll(bomEntries().keySet());
    assertThat(bomEntries().keySet()).doesNotContain("transmog-arch-tests", "transmog-bench", "transmog-parent");
  }

  @Test
  void bom_hasOnlyOurArtifactsAtTheProjectVersion() throws Exception {
    Document bom = parse(ROOT.resolve("transmog-bom/pom.xml"));
    Element project = bom.getDocumentElement();
    assertThat(child(project, "parent")).as("the BOM has no parent (it would leak the build's pins)").isEmpty();
    assertThat(child(project, "dependencies")).as("the BOM declares no dependencies of its own").isEmpty();
    assertThat(childText(project, "packaging")).contains("pom");
    assertThat(childText(project, "groupId")).contains("io.transmog");
    Document root = parse(ROOT.resolve("pom.xml"));
    assertThat(childText(project, "version")).isEqualTo(childText(root.getDocumentElement(), "version"));

    for (Element dep : dependencyManagement(bom)) {
      String ga = childText(dep, "groupId").orElse("?") + ":" + childText(dep, "artifactId").orElse("?");
      assertThat(childText(dep, "groupId")).as(ga + " is not ours").contains("io.transmog");
      assertThat(childText(dep, "version")).as(ga + " version").contains("${project.version}");
      assertThat(childText(dep, "scope")).as(ga + " scope").isEmpty();
    }
  }

  @Test
  void archTests_coverEveryPublishedModule() throws Exception {
    // the ArchUnit import and the descriptor checks see only what is on this module's test class path
    Set<String> deps = new TreeSet<>();
    Element project = parse(ROOT.resolve("transmog-arch-tests/pom.xml")).getDocumentElement();
    for (Element dep : child(project, "dependencies").map(d -> children(d, "dependency")).orElse(List.of())) {
      if (childText(dep, "groupId").equals(Optional.of("io.transmog"))) {
        deps.add(childText(dep, "artifactId").orElseThrow());
      }
    }
    Set<String> published = publishedModules();
    assertThat(deps)
        .as("test dependencies of transmog-arch-tests/pom.xml: add every published module, so that the architecture"
            + " rules and module checks cover it")
        .containsAll(published);
  }

  @Test
  void root_importsTheBom() throws Exception {
    boolean imported = dependencyManagement(parse(ROOT.resolve("pom.xml"))).stream()
        .anyMatch(d -> childText(d, "artifactId").equals(Optional.of("transmog-bom"))
            && childText(d, "scope").equals(Optional.of("import")));
    assertThat(imported).as("the root pom imports transmog-bom, so the build itself proves it complete").isTrue();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static Map<String, String> bomEntries() throws Exception {
    Map<String, String> entries = new TreeMap<>();
    for (Element dep : dependencyManagement(parse(ROOT.resolve("transmog-bom/pom.xml")))) {
      entries.put(childText(dep, "artifactId").orElseThrow(), childText(dep, "groupId").orElse(""));
    }
    assertThat(entries).as("BOM entries").isNotEmpty();
    return entries;
  }

  /** The artifactIds of the root pom's modules that are deployed (all but {@link #NOT_PUBLISHED} and deploy-skipped). */
  private static Set<String> publishedModules() throws Exception {
    Set<String> published = new TreeSet<>();
    for (String module : rootModules()) {
      Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
      String artifactId = childText(pom.getDocumentElement(), "artifactId").orElseThrow();
      if (!NOT_PUBLISHED.contains(artifactId) && !deploySkipped(pom)) {
        published.add(artifactId);
      }
    }
    return published;
  }

  /** The active (not commented-out) {@code <module>} entries of the root pom. */
  private static List<String> rootModules() throws Exception {
    Element modules = child(parse(ROOT.resolve("pom.xml")).getDocumentElement(), "modules").orElseThrow();
    List<String> names = new ArrayList<>();
    for (Element m : children(modules, "module")) {
      names.add(m.getTextContent().trim());
    }
    assertThat(names).as("root <modules>").contains("transmog-bom", "transmog-api", "transmog-core");
    return names;
  }

  private static boolean deploySkipped(Document pom) {
    return child(pom.getDocumentElement(), "properties")
        .flatMap(p -> childText(p, "maven.deploy.skip"))
        .map(Boolean::parseBoolean)
        .orElse(false);
  }

  private static List<Element> dependencyManagement(Document pom) {
    return child(pom.getDocumentElement(), "dependencyManagement")
        .flatMap(dm -> child(dm, "dependencies"))
        .map(deps -> children(deps, "dependency"))
        .orElse(List.of());
  }

  private static Document parse(Path pom) throws Exception {
    assertThat(pom).exists();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setNamespaceAware(false);
    return f.newDocumentBuilder().parse(pom.toFile());
  }

  private static Optional<Element> child(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  private static Optional<String> childText(Element parent, String name) {
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

  /** The reactor root: the nearest directory upwards that holds {@code pom.xml} and {@code transmog-bom/}. */
  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isRegularFile(p.resolve("transmog-bom/pom.xml"))) {
        return p;
      }
    }
    throw new AssertionError("no reactor root (pom.xml with transmog-bom/) above " + dir);
  }
}

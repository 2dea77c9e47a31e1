package io.transmog.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * No library module ships a logging binding (issue #9): an application that embeds {@code transmog-core} and the
 * {@code transmog-io-*} writers keeps its own logging. Only the CLI, an application itself, brings one: slf4j-nop.
 *
 * <p>How: this module's test class path holds every published module and its runtime dependencies. Each jar on it is
 * matched to its Maven coordinates (a reactor module by its {@code pom.xml}, anything else by its place in the local
 * repository and the {@code .pom} beside it). From each Transmog module, the declared compile and runtime dependencies
 * are followed through those POMs (with their parents, dependency-management scopes and exclusions), restricted to the
 * jars actually on the class path: that is the module's runtime class path. Every jar on it is then scanned for the
 * marks of a logging backend.
 */
class NoLoggingBindingTest {
  /** Entries that make a jar a logging backend or binding, and what they are. */
  private static final Map<String, String> MARKERS = new LinkedHashMap<>();

  static {
    MARKERS.put("org/slf4j/impl/StaticLoggerBinder.class", "an SLF4J 1.x binding");
    MARKERS.put("META-INF/services/org.slf4j.spi.SLF4JServiceProvider", "an SLF4J 2.x provider");
    MARKERS.put("ch/qos/logback/classic/", "Logback Classic");
    MARKERS.put("org/apache/logging/slf4j/", "Log4j's SLF4J binding");
    MARKERS.put("org/apache/logging/log4j/core/", "Log4j 2 Core");
    MARKERS.put("META-INF/services/org.apache.logging.log4j.spi.Provider", "a Log4j API provider");
    MARKERS.put("org/apache/log4j/Logger.class", "Log4j 1.x or reload4j");
    MARKERS.put("org/slf4j/bridge/SLF4JBridgeHandler.class", "the java.util.logging to SLF4J bridge");
    MARKERS.put("META-INF/services/java.lang.System$LoggerFinder", "a System.Logger backend");
  }

  /** The one binding the CLI may bring. */
  private static final String CLI_BINDING = "org.slf4j:slf4j-nop";

  private static final Path ROOT = repoRoot();
  private static Map<String, Path> jarsByCoordinates;
  private static Map<String, PomInfo> poms;

  @BeforeAll
  static void readTheClassPath() {
    jarsByCoordinates = new TreeMap<>();
    poms = new HashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        continue;
      }
      coordinatesOf(p).ifPresent(pom -> {
        jarsByCoordinates.putIfAbsent(pom.ga(), p);
        poms.putIfAbsent(pom.ga(), pom);
      });
    }
    assertThat(jarsByCoordinates).as("class path entries matched to Maven coordinates")
        .containsKeys("io.transmog:transmog-core", "io.transmog:transmog-cli", "io.transmog:transmog-io-parquet");
  }

  @Test
  void noLibraryModule_bringsALoggingBinding() {
    Map<String, List<String>> found = new TreeMap<>();
    List<String> libraries = libraryModules();
    assertThat(libraries).contains("io.transmog:transmog-api", "io.transmog:transmog-core",
        "io.transmog:transmog-io-csv", "io.transmog:transmog-io-parquet");
    for (String module : libraries) {
      for (String ga : runtimeClassPath(module)) {
        for (String what : bindingsIn(jarsByCoordinates.get(ga))) {
          found.computeIfAbsent(module, k -> new ArrayList<>()).add(ga + ": " + what);
        }
      }
    }
    assertThat(found).as("logging bindings on the runtime class path of library modules (the application picks its"
        + " own; only transmog-cli may bring " + CLI_BINDING + ")").isEmpty();
  }

  @Test
  void theCli_bringsOnlySlf4jNop() {
    Set<String> cli = runtimeClassPath("io.transmog:transmog-cli");
    Map<String, List<String>> bindings = new TreeMap<>();
    for (String ga : cli) {
      List<String> b = bindingsIn(jarsByCoordinates.get(ga));
      if (!b.isEmpty()) {
        bindings.put(ga, b);
      }
    }
    // also proves that the scan sees a binding when there is one
    assertThat(bindings).as("logging bindings of transmog-cli").containsOnlyKeys(CLI_BINDING);
  }

  @Test
  void runtimeClassPaths_areFollowedThroughThePoms() {
    // the walk itself: parquet's own dependencies, transitively, but not its provided Hadoop nor its test jars
    Set<String> parquet = runtimeClassPath("io.transmog:transmog-io-parquet");
    assertThat(parquet).contains("io.transmog:transmog-api", "org.apache.parquet:parquet-hadoop",
        "org.apache.parquet:parquet-column", "org.slf4j:slf4j-api");
    assertThat(parquet).doesNotContain("org.apache.hadoop:hadoop-common", "org.junit.jupiter:junit-jupiter-api",
        "io.transmog:transmog-core", "org.slf4j:slf4j-nop");
    assertThat(runtimeClassPath("io.transmog:transmog-core"))
        .containsExactlyInAnyOrder("io.transmog:transmog-core", "io.transmog:transmog-api",
            "com.fasterxml.jackson.core:jackson-core");
    assertThat(runtimeClassPath("io.transmog:transmog-cli")).contains("io.transmog:transmog-core", CLI_BINDING);
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** The published Transmog modules on the class path, except the CLI. */
  private static List<String> libraryModules() {
    List<String> out = new ArrayList<>();
    for (String ga : jarsByCoordinates.keySet()) {
      if (ga.startsWith("io.transmog:") && !ga.equals("io.transmog:transmog-cli")
          && !ga.equals("io.transmog:transmog-arch-tests")) { // this module's own test classes
        out.add(ga);
      }
    }
    return out;
  }

  /** A module and everything its compile and runtime dependencies bring, as far as it is on the class path. */
  private static Set<String> runtimeClassPath(String root) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<Map.Entry<String, Set<String>>> todo = new ArrayDeque<>();
    todo.add(Map.entry(root, Set.of()));
    while (!todo.isEmpty()) {
      Map.Entry<String, Set<String>> next = todo.poll();
      String ga = next.getKey();
      if (!jarsByCoordinates.containsKey(ga) || !seen.add(ga)) {
        continue;
      }
      for (Dep d : poms.get(ga).dependencies()) {
        if (d.optional() || !(d.scope().equals("compile") || d.scope().equals("runtime"))) {
          continue;
        }
        if (excluded(d.ga(), next.getValue())) {
          continue;
        }
        Set<String> exclusions = new TreeSet<>(next.getValue());
        exclusions.addAll(d.exclusions());
        todo.add(Map.entry(d.ga(), exclusions));
      }
    }
    return seen;
  }

  private static boolean excluded(String ga, Set<String> exclusions) {
    String[] p = ga.split(":");
    for (String e : exclusions) {
      String[] x = e.split(":");
      if ((x[0].equals("*") || x[0].equals(p[0])) && (x[1].equals("*") || x[1].equals(p[1]))) {
        return true;
      }
    }
    return false;
  }

  /** The logging backends a jar (or class directory) contains. */
  private static List<String> bindingsIn(Path location) {
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(location)) {
      for (Map.Entry<String, String> m : MARKERS.entrySet()) {
        if (Files.exists(location.resolve(m.getKey()))) {
          found.add(m.getValue() + " (" + m.getKey() + ")");
        }
      }
      return found;
    }
    try (JarFile jar = new JarFile(location.toFile())) {
      Set<String> hits = new TreeSet<>();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        for (Map.Entry<String, String> m : MARKERS.entrySet()) {
          if (name.equals(m.getKey()) || (m.getKey().endsWith("/") && name.startsWith(m.getKey()))) {
            hits.add(m.getValue() + " (" + m.getKey() + ")");
          }
        }
      }
      found.addAll(hits);
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location, e);
    }
  }

  // ---- POMs ------------------------------------------------------------------------------------------------------

  private record Dep(String ga, String scope, boolean optional, Set<String> exclusions) {}

  private record PomInfo(String ga, List<Dep> dependencies) {}

  /** The coordinates and declared dependencies of a class path entry, if it comes from a reactor module or a repository. */
  private static Optional<PomInfo> coordinatesOf(Path entry) {
    if (entry.startsWith(ROOT)) {
      for (Path dir = entry.getParent(); dir != null && dir.startsWith(ROOT); dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("pom.xml"))) {
          return Optional.of(readPom(dir.resolve("pom.xml")));
        }
      }
      return Optional.empty();
    }
    // <repository>/<group path>/<artifactId>/<version>/<artifactId>-<version>[-<classifier>].jar
    Path versionDir = entry.getParent();
    if (versionDir == null || versionDir.getParent() == null || !Files.isRegularFile(entry)) {
      return Optional.empty();
    }
    String version = versionDir.getFileName().toString();
    String artifactId = versionDir.getParent().getFileName().toString();
    if (!entry.getFileName().toString().startsWith(artifactId + "-")) {
      return Optional.empty();
    }
    Path pom = versionDir.resolve(artifactId + "-" + version + ".pom");
    return Files.isRegularFile(pom) ? Optional.of(readPom(pom)) : Optional.empty();
  }

  private static final Map<Path, Element> PARSED = new HashMap<>();

  private static PomInfo readPom(Path pom) {
    Element project = parse(pom);
    String groupId = text(project, "groupId").or(() -> child(project, "parent").flatMap(p -> text(p, "groupId")))
        .orElseThrow(() -> new AssertionError("no groupId in " + pom));
    String artifactId = text(project, "artifactId").orElseThrow();
    // the POM and its parents: declared dependencies and managed scopes (imported BOMs manage versions, not scopes)
    List<Element> chain = new ArrayList<>();
    Map<String, String> props = new HashMap<>();
    props.put("project.groupId", groupId);
    props.put("pom.groupId", groupId);
    props.put("groupId", groupId);
    props.put("project.artifactId", artifactId);
    Path current = pom;
    Element e = project;
    while (e != null) {
      chain.add(e);
      Optional<Element> parent = child(e, "parent");
      if (parent.isEmpty()) {
        break;
      }
      parent.flatMap(p -> text(p, "groupId")).ifPresent(g -> props.putIfAbsent("project.parent.groupId", g));
      Path parentPom = parentPom(current, parent.get());
      if (parentPom == null) {
        break;
      }
      current = parentPom;
      e = parse(parentPom);
    }
    for (Element pomElement : chain) {
      child(pomElement, "properties").ifPresent(ps -> children(ps, null).forEach(p ->
          props.putIfAbsent(p.getTagName(), p.getTextContent().trim())));
    }
    Map<String, String> managedScopes = new HashMap<>();
    for (Element pomElement : chain) {
      child(pomElement, "dependencyManagement").flatMap(dm -> child(dm, "dependencies"))
          .ifPresent(ds -> children(ds, "dependency").forEach(d -> {
            String ga = resolve(text(d, "groupId").orElse(""), props) + ":"
                + resolve(text(d, "artifactId").orElse(""), props);
            text(d, "scope").ifPresent(s -> managedScopes.putIfAbsent(ga, s));
          }));
    }
    List<Dep> deps = new ArrayList<>();
    for (Element pomElement : chain) {
      child(pomElement, "dependencies").ifPresent(ds -> children(ds, "dependency").forEach(d -> {
        String ga = resolve(text(d, "groupId").orElse(""), props) + ":"
            + resolve(text(d, "artifactId").orElse(""), props);
        String scope = text(d, "scope").map(s -> resolve(s, props))
            .orElse(managedScopes.getOrDefault(ga, "compile"));
        boolean optional = text(d, "optional").map(o -> resolve(o, props)).map(Boolean::parseBoolean).orElse(false);
        Set<String> exclusions = new TreeSet<>();
        child(d, "exclusions").ifPresent(xs -> children(xs, "exclusion").forEach(x -> exclusions.add(
            resolve(text(x, "groupId").orElse("*"), props) + ":" + resolve(text(x, "artifactId").orElse("*"), props))));
        deps.add(new Dep(ga, scope, optional, exclusions));
      }));
    }
    return new PomInfo(groupId + ":" + artifactId, deps);
  }

  /** The parent POM: by relativePath in the source tree, else from the local repository. */
  private static Path parentPom(Path pom, Element parent) {
    String g = text(parent, "groupId").orElse("");
    String a = text(parent, "artifactId").orElse("");
    String v = text(parent, "version").orElse("");
    Path relative = pom.getParent().resolve(text(parent, "relativePath").orElse("../pom.xml"));
    if (Files.isDirectory(relative)) {
      relative = relative.resolve("pom.xml");
    }
    if (Files.isRegularFile(relative)) {
      Element e = parse(relative);
      if (text(e, "artifactId").orElse("").equals(a)) {
        return relative;
      }
    }
    Path repo = localRepository(pom);
    if (repo == null) {
      return null;
    }
    Path p = repo.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(a + "-" + v + ".pom");
    return Files.isRegularFile(p) ? p : null;
  }

  /** The local repository holding a POM, found by walking up its group path; none for the source tree's POMs. */
  private static Path localRepository(Path pom) {
    if (pom.startsWith(ROOT)) {
      return null; // reactor modules find their parent by relativePath
    }
    Element project = parse(pom);
    String group = text(project, "groupId").or(() -> child(project, "parent").flatMap(p -> text(p, "groupId")))
        .orElse("");
    Path r = pom.getParent().getParent(); // <repository>/<group path>/<artifactId>
    for (int i = 0; i < group.split("\\.").length && r != null; i++) {
      r = r.getParent();
    }
    return r;
  }

  private static String resolve(String s, Map<String, String> props) {
    String out = s;
    for (int guard = 0; guard < 5 && out.contains("${"); guard++) {
      int a = out.indexOf("${");
      int b = out.indexOf('}', a);
      if (b < 0) {
        break;
      }
      String value = props.get(out.substring(a + 2, b));
      if (value == null) {
        break;
      }
      out = out.substring(0, a) + value + out.substring(b + 1);
    }
    return out;
  }

  private static Element parse(Path pom) {
    return PARSED.computeIfAbsent(pom, p -> {
      try {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(false);
        Document d = f.newDocumentBuilder().parse(p.toFile());
        return d.getDocumentElement();
      } catch (Exception e) {
        throw new AssertionError("cannot parse " + p + ": " + e, e);
      }
    });
  }

  private static Optional<Element> child(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  private static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().trim());
  }

  /** Child elements, all of them if {@code name} is null. */
  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && (name == null || ((Element) n).getTagName().equals(name))) {
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

package io.transmog.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.transmog.archtests.ShippedClasses.CLASSES;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Library modules (everything but {@code io.transmog.cli}) keep no static mutable state and change no process-wide
 * setting, so that an application can embed Transmog in a service, call it from many threads and from several class
 * loaders, and get the same results as from one call alone (issue #9). The rule on standard streams and
 * {@code System.exit} is {@code ArchitectureTest.onlyTheCli_writesToStandardStreamsOrExits}.
 *
 * <p>What a static field of a library class may hold:
 *
 * <ul>
 *   <li>nothing that can be reassigned: every static field is {@code final} (compiler-generated fields aside);
 *   <li>primitives, strings, enums and Transmog's own (immutable) types, freely;
 *   <li>a JDK collection or map only if its value, after class initialisation, is one of the JDK's unmodifiable
 *       collections ({@code List.of}, {@code Set.copyOf}, {@code Collections.unmodifiableSet}, …): checked on the
 *       loaded value, not guessed from the declaration;
 *   <li>anything else that is mutable by type (arrays, atomics, builders, {@code Random}, date formats,
 *       {@code ThreadLocal}, executors, threads) or any third-party object only with an entry in {@link #ALLOWED}
 *       saying why it is safe to share: a field added without one fails this test.
 * </ul>
 */
class NoGlobalStateTest {
  /**
   * The justified exceptions, by {@code class.field}. Every entry must name an existing field: a stale entry fails
   * {@link #allowList_namesExistingFieldsOnly()}.
   */
  static final Map<String, String> ALLOWED = new TreeMap<>(Map.ofEntries(
      Map.entry("io.transmog.core.internal.ids.UuidText.HEX_PAIRS",
          "private lookup table of the hex digit pairs of each byte, filled once in the static initializer; only read"),
      Map.entry("io.transmog.io.csv.internal.CsvOutput.POWERS_OF_TEN",
          "private lookup table of powers of ten for digit counting; only read, never handed out"),
      Map.entry("io.transmog.io.csv.internal.CsvOutput.DIGIT_PAIRS",
          "private lookup table of the digit pairs 00 to 99, filled once in the static initializer; only read"),
      Map.entry("io.transmog.io.csv.internal.CsvOutput.TRUE",
          "private ASCII bytes of \"true\"; only copied from (System.arraycopy), never handed out"),
      Map.entry("io.transmog.io.csv.internal.CsvOutput.FALSE",
          "private ASCII bytes of \"false\"; only copied from (System.arraycopy), never handed out"),
      Map.entry("io.transmog.io.csv.internal.CsvOutput.LONG_MIN",
          "private ASCII digits of Long.MIN_VALUE (which has no positive counterpart); only copied from"),
      Map.entry("io.transmog.io.parquet.internal.StandaloneCodecFactory$GzipCompressor.HEADER",
          "private gzip header bytes; only passed to OutputStream.write, which does not modify its argument"),
      Map.entry("io.transmog.api.spi.PendingFile.RANDOM",
          "SecureRandom is thread-safe; it only draws temporary file names, so its state affects no output"),
      Map.entry("io.transmog.core.internal.input.RawTextParser.STRING_BYTES",
          "private lookup table of what each byte means inside a JSON string, filled once in the static"
              + " initializer; only read"),
      Map.entry("io.transmog.core.internal.input.Parsers.FACTORY",
          "Jackson's JsonFactory is thread-safe and meant to be shared; it holds only symbol-table caches, which"
              + " change no result"),
      Map.entry("io.transmog.core.internal.input.Parsers.BY_LIMITS",
          "a ConcurrentHashMap cache of thread-safe JsonFactory instances, one per distinct non-default"
              + " (maxNestingDepth, maxStringLength) pair; entries are never replaced, so results do not depend on"
              + " it. It grows by one factory per distinct pair ever used in the process"),
      Map.entry("io.transmog.io.arrow.internal.Codecs$Lz4Frame.COMPRESSOR",
          "lz4-java compressors are stateless and documented thread-safe"),
      Map.entry("io.transmog.io.arrow.internal.Codecs$Lz4Frame.DECOMPRESSOR",
          "lz4-java decompressors are stateless and documented thread-safe"),
      Map.entry("io.transmog.io.arrow.internal.Codecs$Lz4Frame.HASH",
          "lz4-java's XXHash32 instances are stateless and documented thread-safe"),
      Map.entry("io.transmog.io.orc.internal.OrcTableWriter.NO_KEYS",
          "an empty ORC InMemoryKeystore that no code ever adds a key to; ORC reads it only for encrypted columns,"
              + " which the writer never requests")));

  /** JDK types whose instances are mutable (or hold per-thread or per-process state) whatever their declaration. */
  private static final Set<String> MUTABLE_JDK_TYPES = Set.of(
      "java.lang.StringBuilder", "java.lang.StringBuffer", "java.lang.ThreadLocal",
      "java.lang.InheritableThreadLocal", "java.lang.Thread", "java.lang.ThreadGroup",
      "java.util.Random", "java.security.SecureRandom", "java.util.Date", "java.util.Calendar",
      "java.util.BitSet", "java.util.Properties", "java.text.Format", "java.text.DateFormat",
      "java.text.SimpleDateFormat", "java.text.NumberFormat", "java.text.DecimalFormat",
      "java.util.concurrent.Executor", "java.util.concurrent.ExecutorService", "java.util.Timer",
      "java.io.ByteArrayOutputStream", "java.nio.ByteBuffer", "java.nio.CharBuffer");

  @Test
  void import_coversEveryLibraryModule() {
    Set<String> modules = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      modules.add(ShippedClasses.moduleOf(c.getPackageName()));
    }
    assertThat(modules).contains("io.transmog.api", "io.transmog.core", "io.transmog.io.csv",
        "io.transmog.io.parquet", "io.transmog.cli");
  }

  @Test
  void libraries_holdNoStaticMutableState() {
    libraries_holdNoStaticMutableStateRule().check(CLASSES);
  }

  static ArchRule libraries_holdNoStaticMutableStateRule() {
    return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .that().resideInAPackage("io.transmog..").and().resideOutsideOfPackage("io.transmog.cli..")
        .should(holdNoStaticMutableState())
        .because("an embedded library is called from many threads and class loaders; static state would leak between"
            + " calls (issue #9). Justified exceptions: NoGlobalStateTest.ALLOWED");
  }

  @Test
  void allowList_namesExistingFieldsOnly() {
    Set<String> fields = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      for (JavaField f : c.getFields()) {
        if (f.getModifiers().contains(JavaModifier.STATIC)) {
          fields.add(c.getName() + "." + f.getName());
        }
      }
    }
    assertThat(fields).as("static fields of the imported classes").containsAll(ALLOWED.keySet());
    assertThat(ALLOWED.values()).as("every exception says why it is safe").allMatch(j -> j.length() > 20);
  }

  @Test
  void libraries_changeNoProcessWideSetting() {
    libraries_changeNoProcessWideSettingRule().check(CLASSES);
  }

  static ArchRule libraries_changeNoProcessWideSettingRule() {
    return noClasses().that().resideInAPackage("io.transmog..").and().resideOutsideOfPackage("io.transmog.cli..")
        .should().callMethod(System.class, "setProperty", String.class, String.class)
        .orShould().callMethod(System.class, "clearProperty", String.class)
        .orShould().callMethod(System.class, "setProperties", java.util.Properties.class)
        .orShould().callMethod(System.class, "setOut", java.io.PrintStream.class)
        .orShould().callMethod(System.class, "setErr", java.io.PrintStream.class)
        .orShould().callMethod(System.class, "setIn", java.io.InputStream.class)
        .orShould().callMethod(System.class, "gc")
        .orShould().callMethod(Runtime.class, "addShutdownHook", Thread.class)
        .orShould().callMethod(Runtime.class, "gc")
        .orShould().callMethod(Thread.class, "setDefaultUncaughtExceptionHandler",
            Thread.UncaughtExceptionHandler.class)
        .orShould().callMethod(Locale.class, "setDefault", Locale.class)
        .orShould().callMethod(Locale.class, "setDefault", Locale.Category.class, Locale.class)
        .orShould().callMethod(TimeZone.class, "setDefault", TimeZone.class)
        .orShould().callMethod(java.net.URL.class, "setURLStreamHandlerFactory",
            java.net.URLStreamHandlerFactory.class)
        .orShould().callMethod(Thread.class, "setContextClassLoader", ClassLoader.class)
        .because("an embedded library must not change settings that belong to the application (issue #9)");
  }

  @Test
  void theRule_findsWhatItIsMeantToFind() {
    // the condition itself, on classes made for it: a non-final static, a mutable array, a modifiable set, and the
    // allowed kinds (unmodifiable set, own types, primitives)
    com.tngtech.archunit.core.domain.JavaClasses fixtures = new com.tngtech.archunit.core.importer.ClassFileImporter()
        .importClasses(Fixtures.Bad.class, Fixtures.Good.class);
    ConditionEvents events = com.tngtech.archunit.lang.ConditionEvents.Factory.create();
    holdNoStaticMutableState().check(fixtures.get(Fixtures.Bad.class), events);
    assertThat(events.getViolating()).hasSize(4);
    assertThat(String.join("\n", events.getViolating().stream()
        .flatMap(e -> e.getDescriptionLines().stream()).toList()))
        .contains("counter", "BUFFER", "NAMES", "FORMAT")
        .doesNotContain("LIMIT", "FIXED");
    events = com.tngtech.archunit.lang.ConditionEvents.Factory.create();
    holdNoStaticMutableState().check(fixtures.get(Fixtures.Good.class), events);
    assertThat(events.getViolating()).isEmpty();
  }

  /** Classes for {@link #theRule_findsWhatItIsMeantToFind()}: not in a library package, so never checked otherwise. */
  static final class Fixtures {
    private Fixtures() {}

    @SuppressWarnings("unused")
    static final class Bad {
      static int counter;
      static final byte[] BUFFER = new byte[8];
      static final Set<String> NAMES = new java.util.HashSet<>(Set.of("a"));
      static final java.text.SimpleDateFormat FORMAT = new java.text.SimpleDateFormat("yyyy", Locale.ROOT);
      static final int LIMIT = 3;
      static final Set<String> FIXED = Set.of("x");
    }

    @SuppressWarnings("unused")
    static final class Good {
      static final Set<String> KEYS = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(Set.of("a")));
      static final java.util.List<Integer> SIZES = java.util.List.of(1, 2);
      static final Map<String, Integer> EMPTY = Map.of();
      static final String NAME = "n";
      static final long SEED = 1L;
      static final Locale ROOT = Locale.ROOT;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static ArchCondition<JavaClass> holdNoStaticMutableState() {
    return new ArchCondition<>("hold no static mutable state") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaField f : c.getFields()) {
          Set<JavaModifier> m = f.getModifiers();
          if (!m.contains(JavaModifier.STATIC) || m.contains(JavaModifier.SYNTHETIC)) {
            continue; // instance state, or the compiler's ($VALUES, $assertionsDisabled, switch maps)
          }
          String name = c.getName() + "." + f.getName();
          String problem = problem(c, f, m);
          if (problem != null && !ALLOWED.containsKey(name)) {
            events.add(SimpleConditionEvent.violated(f, name + ": " + problem
                + " (make it an instance field or immutable, or justify it in NoGlobalStateTest.ALLOWED)"));
          }
        }
      }
    };
  }

  /** Why a static field is mutable global state, or {@code null} if it is not. */
  private static String problem(JavaClass owner, JavaField f, Set<JavaModifier> m) {
    if (!m.contains(JavaModifier.FINAL)) {
      return "a non-final static field";
    }
    JavaClass type = f.getRawType();
    String typeName = type.getName();
    if (type.isPrimitive() || typeName.equals("java.lang.String") || type.isEnum()
        || typeName.startsWith("io.transmog.")) {
      return null;
    }
    if (type.isArray()) {
      return "a static array (" + type.getSimpleName() + "): its elements can be changed by anyone who sees it";
    }
    if (type.isAssignableTo(Collection.class) || type.isAssignableTo(Map.class)) {
      Object value = staticValue(owner, f);
      return isUnmodifiable(value) ? null
          : "a static " + type.getSimpleName() + " holding a modifiable " + describe(value);
    }
    if (typeName.startsWith("java.util.concurrent.atomic.") || MUTABLE_JDK_TYPES.contains(typeName)) {
      return "a static " + typeName + ", which is mutable";
    }
    if (!typeName.startsWith("java.")) {
      return "a static third-party object (" + typeName + "): justify that it is immutable or thread-safe and"
          + " changes no result";
    }
    return null;
  }

  private static Object staticValue(JavaClass owner, JavaField f) {
    try {
      Class<?> c = Class.forName(owner.getName(), true, NoGlobalStateTest.class.getClassLoader());
      Field field = c.getDeclaredField(f.getName());
      field.setAccessible(true);
      return field.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new AssertionError("cannot read " + owner.getName() + "." + f.getName() + ": " + e, e);
    }
  }

  /** The JDK's unmodifiable collections: {@code List.of}/{@code copyOf}, {@code Collections.unmodifiable*}, … */
  static boolean isUnmodifiable(Object value) {
    if (value == null) {
      return true;
    }
    String n = value.getClass().getName();
    return n.startsWith("java.util.ImmutableCollections$")
        || n.startsWith("java.util.Collections$Unmodifiable")
        || n.startsWith("java.util.Collections$Empty")
        || n.startsWith("java.util.Collections$Singleton")
        || n.equals("java.util.Collections$CopiesList");
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }
}

package io.transmog.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.transmog.archtests.ShippedClasses.CLASSES;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Dependency rules between the shipped modules, checked on their compiled classes (issue #2, acceptance: "api depends
 * only on java..; plugins never depend on core; no cycles").
 */
class ArchitectureTest {

  @Test
  void import_isNotEmpty() {
    // a floor, so that every rule below cannot pass vacuously on an empty or partial import
    assertThat(CLASSES.size()).as("classes imported from io.transmog").isGreaterThan(30);
    Set<String> packages = CLASSES.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));
    assertThat(packages).contains(
        "io.transmog.api", "io.transmog.api.table", "io.transmog.api.spi", "io.transmog.core",
        "io.transmog.io.csv.internal");
    assertThat(packages).anyMatch(p -> p.startsWith("io.transmog.core.internal"));
    assertThat(CLASSES.contain("io.transmog.core.Transmog")).isTrue();
    assertThat(CLASSES.contain("io.transmog.io.csv.internal.CsvWriterProvider")).isTrue();
    assertThat(CLASSES.contain("io.transmog.cli.Main")).isTrue();
  }

  @Test
  void api_dependsOnlyOnJavaAndItself() {
    api_dependsOnlyOnJavaAndItselfRule().check(CLASSES);
  }

  static ArchRule api_dependsOnlyOnJavaAndItselfRule() {
    return classes().that().resideInAPackage("io.transmog.api..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.transmog.api..")
        .because("transmog-api requires nothing but java.base; plugins compile against it alone");
  }

  @Test
  void plugins_neverDependOnCore() {
    plugins_neverDependOnCoreRule().check(CLASSES);
  }

  static ArchRule plugins_neverDependOnCoreRule() {
    return noClasses().that().resideInAPackage("io.transmog.io..")
        .should().dependOnClassesThat().resideInAPackage("io.transmog.core..")
        .because("writer plugins depend on transmog-api only, so they work with any engine version of the same SPI");
  }

  @Test
  void modules_areFreeOfCycles() {
    modules_areFreeOfCyclesRule().check(CLASSES);
  }

  static ArchRule modules_areFreeOfCyclesRule() {
    return slices().matching("io.transmog.(*)..").should().beFreeOfCycles();
  }

  @Test
  void internalPackages_areUsedOnlyByTheirOwnModule() {
    internalPackages_areUsedOnlyByTheirOwnModuleRule().check(CLASSES);
  }

  static ArchRule internalPackages_areUsedOnlyByTheirOwnModuleRule() {
    return classes().should(notDependOnInternalsOfOtherModules())
        .because("..internal.. packages are not API: on the class path (Spark, fat jars) JPMS does not hide them");
  }

  @Test
  void publicApi_doesNotExposeInternalTypes() {
    publicApi_doesNotExposeInternalTypesRule().check(CLASSES);
  }

  static ArchRule publicApi_doesNotExposeInternalTypesRule() {
    return classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
        .should(notExposeInternalTypesInPublicSignatures())
        .because("an internal type in a public signature would make it API");
  }

  @Test
  void publicApi_exposesNoThirdPartyTypes() {
    publicApi_exposesNoThirdPartyTypesRule().check(CLASSES);
  }

  static ArchRule publicApi_exposesNoThirdPartyTypesRule() {
    // style notes 5.1: parquet-java leaked Hadoop types into its API for years; Jackson, Commons CSV, Parquet, Arrow
    // and Hadoop types stay behind our own
    return classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
        .and().resideOutsideOfPackage("io.transmog.spark..")
        .should(notExposeThirdPartyTypesInPublicSignatures())
        .because("exported signatures use only JDK and Transmog types, so dependencies can change without breaking"
            + " users");
  }

  @Test
  void sparkApi_exposesOnlySparkAsThirdPartyTypes() {
    sparkApi_exposesOnlySparkAsThirdPartyTypesRule().check(CLASSES);
  }

  static ArchRule sparkApi_exposesOnlySparkAsThirdPartyTypesRule() {
    // transmog-spark is an adapter: Dataset, SparkSession and StructType are its API (issue #8); nothing else
    // third-party (no Jackson, Hadoop, Scala or picocli type) may show
    return classes().that().arePublic().and().resideInAPackage("io.transmog.spark..")
        .and().resideOutsideOfPackage("..internal..")
        .should(notExposeInPublicSignatures("types outside java.., io.transmog.. and org.apache.spark..",
            t -> !t.getPackageName().startsWith("java.") && !t.getPackageName().startsWith("io.transmog.")
                && !t.getPackageName().startsWith("org.apache.spark.") && !t.isPrimitive()))
        .because("the Spark module's API speaks Spark; everything else stays behind Transmog's own types");
  }

  @Test
  void onlyTheCli_writesToStandardStreamsOrExits() {
    onlyTheCli_writesToStandardStreamsOrExitsRule().check(CLASSES);
  }

  static ArchRule onlyTheCli_writesToStandardStreamsOrExitsRule() {
    return noClasses().that().resideOutsideOfPackage("io.transmog.cli..")
        // the spark-submit entry point is an application too: only its main class owns the streams and exit code
        .and().doNotHaveFullyQualifiedName("io.transmog.spark.SparkMain")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .orShould().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .because("a library reports through exceptions and return values; only the CLI owns the terminal and the"
            + " process");
  }

  @Test
  void nothing_usesJavaUtilLogging() {
    nothing_usesJavaUtilLoggingRule().check(CLASSES);
  }

  static ArchRule nothing_usesJavaUtilLoggingRule() {
    // GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING only sees Logger fields; this sees every use
    return noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..")
        .because("a library must not pick the application's logging; errors travel as exceptions");
  }

  @Test
  void nothing_usesAJacksonTreeModel() {
    nothing_usesAJacksonTreeModelRule().check(CLASSES);
  }

  static ArchRule nothing_usesAJacksonTreeModelRule() {
    return noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
        .because("the engine streams with jackson-core; a JsonNode/ObjectMapper tree would hold whole records in"
            + " memory (issue #2, section 3)");
  }

  private static ArchCondition<JavaClass> notDependOnInternalsOfOtherModules() {
    return new ArchCondition<>("not depend on ..internal.. classes of another module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String own = ShippedClasses.moduleOf(origin.getPackageName());
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass().getBaseComponentType();
          if (!target.getPackageName().startsWith("io.transmog.") || !ShippedClasses.isInternal(target)) {
            continue;
          }
          String owner = ShippedClasses.moduleOf(target.getPackageName());
          if (!owner.equals(own)) {
            events.add(SimpleConditionEvent.violated(d,
                d.getDescription() + " (module " + own + " uses an internal class of module " + owner + ")"));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> notExposeInternalTypesInPublicSignatures() {
    return notExposeInPublicSignatures("..internal.. types", ShippedClasses::isInternal);
  }

  private static ArchCondition<JavaClass> notExposeThirdPartyTypesInPublicSignatures() {
    return notExposeInPublicSignatures("types outside java.. and io.transmog..",
        t -> !t.getPackageName().startsWith("java.") && !t.getPackageName().startsWith("io.transmog.")
            && !t.isPrimitive());
  }

  /** Checks supertypes and the raw types of public and protected members (generic arguments are not inspected). */
  private static ArchCondition<JavaClass> notExposeInPublicSignatures(
      String what, java.util.function.Predicate<JavaClass> forbidden) {
    java.util.function.Predicate<JavaClass> bad = t -> forbidden.test(t.getBaseComponentType());
    return new ArchCondition<>("not expose " + what + " in public or protected signatures") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        c.getRawSuperclass().filter(bad).ifPresent(sup ->
            events.add(SimpleConditionEvent.violated(c, c.getName() + " extends " + sup.getName())));
        for (JavaClass i : c.getRawInterfaces()) {
          if (bad.test(i)) {
            events.add(SimpleConditionEvent.violated(c, c.getName() + " implements " + i.getName()));
          }
        }
        for (JavaCodeUnit u : c.getCodeUnits()) {
          if (!visible(u.getModifiers())) {
            continue;
          }
          if (bad.test(u.getRawReturnType())) {
            events.add(SimpleConditionEvent.violated(u, u.getFullName() + " returns " + u.getRawReturnType().getName()));
          }
          for (JavaClass p : u.getRawParameterTypes()) {
            if (bad.test(p)) {
              events.add(SimpleConditionEvent.violated(u, u.getFullName() + " takes " + p.getName()));
            }
          }
        }
        for (JavaField f : c.getFields()) {
          if (visible(f.getModifiers()) && bad.test(f.getRawType())) {
            events.add(SimpleConditionEvent.violated(f, f.getFullName() + " has type " + f.getRawType().getName()));
          }
        }
      }
    };
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }
}

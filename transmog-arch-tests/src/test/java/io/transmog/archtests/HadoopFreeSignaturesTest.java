package io.transmog.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static io.transmog.archtests.ShippedClasses.CLASSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No Hadoop type in any public signature of Transmog (style notes 5.1: parquet-java and ORC leaked Hadoop's
 * {@code Configuration} and {@code Path} into their APIs for years). The ORC plugin needs Hadoop's client at run time,
 * and the Parquet plugin needs it to compile; both keep it behind their own types.
 *
 * <p>Stricter than {@code ArchitectureTest.publicApi_exposesNoThirdPartyTypes}: it covers every public type, in
 * {@code internal} packages too (on the class path, Spark sees them all), and the full generic signatures: supertypes,
 * type parameters, and the parameter, return, exception and field types of public and protected members.
 */
class HadoopFreeSignaturesTest {
  private static final String HADOOP = "org.apache.hadoop.";

  @Test
  void import_includesThePluginsThatUseHadoop() {
    assertThat(CLASSES.contain("io.transmog.io.orc.internal.OrcWriterProvider")).isTrue();
    assertThat(CLASSES.contain("io.transmog.io.orc.OrcOptions")).isTrue();
    assertThat(CLASSES.contain("io.transmog.io.parquet.internal.ParquetWriterProvider")).isTrue();
    // ...and Hadoop itself is on the class path (through transmog-io-orc), so that the rule's own test can name it
    assertThat(org.apache.hadoop.conf.Configuration.class.getName()).startsWith(HADOOP);
  }

  @Test
  void publicSignatures_nameNoHadoopType() {
    publicSignatures_nameNoHadoopTypeRule().check(CLASSES);
  }

  @Test
  void theRule_catchesAHadoopTypeInEachKindOfSignature() {
    JavaClasses leaky = new ClassFileImporter().importClasses(Leaky.class, LeakyParent.class, LeakyGeneric.class);

    assertThatThrownBy(() -> publicSignatures_nameNoHadoopTypeRule().check(leaky))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("field")
        .hasMessageContaining("returns")
        .hasMessageContaining("takes")
        .hasMessageContaining("throws")
        .hasMessageContaining("extends")
        .hasMessageContaining("type parameter");
  }

  static ArchRule publicSignatures_nameNoHadoopTypeRule() {
    return classes().that().arePublic().and().resideInAPackage("io.transmog..")
        .should(nameNoHadoopTypeInPublicSignatures())
        .because("Hadoop stays an implementation detail of the ORC and Parquet plugins; a Hadoop type in a public"
            + " signature would force Hadoop on every user and tie the API to its versions");
  }

  private static ArchCondition<JavaClass> nameNoHadoopTypeInPublicSignatures() {
    return new ArchCondition<>("name no org.apache.hadoop type in a public or protected signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        c.getSuperclass().ifPresent(s -> report(events, c, c.getName() + " extends", s));
        for (JavaType i : c.getInterfaces()) {
          report(events, c, c.getName() + " implements", i);
        }
        for (JavaTypeVariable<JavaClass> v : c.getTypeParameters()) {
          for (JavaType bound : v.getUpperBounds()) {
            report(events, c, c.getName() + " type parameter " + v.getName(), bound);
          }
        }
        for (JavaCodeUnit u : c.getCodeUnits()) {
          if (!visible(u.getModifiers())) {
            continue;
          }
          report(events, u, u.getFullName() + " returns", u.getReturnType());
          for (JavaType p : u.getParameterTypes()) {
            report(events, u, u.getFullName() + " takes", p);
          }
          for (JavaClass t : u.getThrowsClause().getTypes()) {
            report(events, u, u.getFullName() + " throws", t);
          }
          for (JavaTypeVariable<? extends JavaCodeUnit> v : u.getTypeParameters()) {
            for (JavaType bound : v.getUpperBounds()) {
              report(events, u, u.getFullName() + " type parameter " + v.getName(), bound);
            }
          }
        }
        for (JavaField f : c.getFields()) {
          if (visible(f.getModifiers())) {
            report(events, f, f.getFullName() + " has field type", f.getType());
          }
        }
      }
    };
  }

  private static void report(ConditionEvents events, Object where, String what, JavaType type) {
    List<String> hadoop = new ArrayList<>();
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      String name = raw.getBaseComponentType().getName();
      if (name.startsWith(HADOOP)) {
        hadoop.add(name);
      }
    }
    if (!hadoop.isEmpty()) {
      events.add(SimpleConditionEvent.violated(where, what + " " + type.getName() + " (Hadoop: " + hadoop + ")"));
    }
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  // ---- fixtures for the rule's own test: one leak of each kind ------------------------------------------------------

  /** A public class leaking Hadoop types through a field, a return type, a parameter and a throws clause. */
  public static class Leaky extends LeakyParent {
    /** A public field of a Hadoop type. */
    public org.apache.hadoop.conf.Configuration conf;

    /** @return a Hadoop type */
    public org.apache.hadoop.fs.Path path() {
      return null;
    }

    /** @param paths Hadoop types inside a generic parameter */
    protected void take(List<org.apache.hadoop.fs.Path> paths) {}

    /** @throws org.apache.hadoop.fs.PathIOException a Hadoop exception */
    public void fail() throws org.apache.hadoop.fs.PathIOException {}

    private org.apache.hadoop.fs.Path hidden() {
      return null; // private: allowed
    }
  }

  /** A public supertype that is itself a Hadoop type. */
  public static class LeakyParent extends org.apache.hadoop.conf.Configured {}

  /** A public generic class whose type parameter is bounded by a Hadoop type. */
  public static class LeakyGeneric<T extends org.apache.hadoop.conf.Configurable> {}
}

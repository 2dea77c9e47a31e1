package io.transmog.io.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.io.tck.SerializedWriterProvider.Flaw;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Tests the kit itself: it passes a correct writer, and each deliberately broken writer fails exactly the tests aimed
 * at its flaw. The kit subclasses run through the JUnit Platform launcher, not as tests of their own.
 */
class KitSelfTest {

  @Test
  void correctWriter_passesEveryTest() {
    Outcome o = run(Correct.class);
    assertThat(o.failed).as("failures: " + o.messages).isEmpty();
    assertThat(o.aborted).isEmpty();
    assertThat(o.succeeded).hasSizeGreaterThan(40);
  }

  @Test
  void abortThatPublishes_isCaught() {
    assertThat(run(AbortPublishes.class, "abort_leavesNoFile", "abort_beforeAnyWrite",
        "close_afterAbortPublishesNothing", "roundTrip_manyBatches").failed)
        .containsExactlyInAnyOrder("abort_leavesNoFile", "abort_beforeAnyWrite", "close_afterAbortPublishesNothing");
  }

  @Test
  void writingTheTargetDirectly_isCaught() {
    assertThat(run(WritesTargetDirectly.class, "close_publishesAtomically", "abort_leavesNoFile").failed)
        .containsExactlyInAnyOrder("close_publishesAtomically", "abort_leavesNoFile");
  }

  @Test
  void closeTwiceThrowing_isCaught() {
    assertThat(run(CloseTwiceThrows.class).failed).containsExactly("close_twiceIsSafe");
  }

  @Test
  void nullWrittenAsEmptyString_isCaught() {
    assertThat(run(NullAsEmpty.class, "roundTrip_eachTypeWithNulls", "limits_string", "limits_long").failed)
        .containsExactlyInAnyOrder("roundTrip_eachTypeWithNulls", "limits_string");
  }

  @Test
  void negativeZeroLost_isCaught() {
    assertThat(run(LosesNegativeZero.class, "limits_double", "schemaGrowth_widenedType", "limits_long").failed)
        .containsExactlyInAnyOrder("limits_double", "schemaGrowth_widenedType");
  }

  @Test
  void writeAfterCloseIgnored_isCaught() {
    assertThat(run(WriteAfterCloseIgnored.class).failed)
        .containsExactlyInAnyOrder("write_afterCloseThrowsIllegalState", "write_afterAbortThrowsIllegalState");
  }

  @Test
  void fileKeptAfterFailedWrite_isCaught() {
    assertThat(run(KeepsFileAfterFailedWrite.class).failed).containsExactly("write_failureDiscardsTheFile");
  }

  @Test
  void upperCaseFormat_isCaught() {
    assertThat(run(UpperCaseFormat.class, "provider_formatIsLowerCaseAndNotBlank", "limits_long").failed)
        .containsExactly("provider_formatIsLowerCaseAndNotBlank");
  }

  @Test
  void knownBug_isReportedAsAbortedWhileItFails_andFailsOnceFixed() {
    Outcome broken = run(KnownBugListed.class, "close_twiceIsSafe", "limits_long");
    assertThat(broken.failed).isEmpty();
    assertThat(broken.aborted).containsExactly("close_twiceIsSafe");
    Outcome fixed = run(KnownBugFixed.class, "close_twiceIsSafe", "limits_long");
    assertThat(fixed.failed).containsExactly("close_twiceIsSafe");
    assertThat(fixed.messages.toString()).contains("remove it from knownBugs()");
  }

  @Test
  void unsupportedType_abortsItsTestsWithTheReason() {
    Outcome o = run(NoDates.class, "limits_date", "roundTrip_eachTypeWithNulls", "roundTrip_everyColumnTypeTogether");
    assertThat(o.failed).isEmpty();
    assertThat(o.aborted).containsExactlyInAnyOrder("limits_date", "roundTrip_eachTypeWithNulls");
    assertThat(o.succeeded).as("DATE is left out of mixed-type tests").contains("roundTrip_everyColumnTypeTogether");
    assertThat(o.messages.toString()).contains("supportsType(DATE) == false");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static final class Outcome {
    final Set<String> succeeded = new TreeSet<>();
    final Set<String> failed = new TreeSet<>();
    final Set<String> aborted = new TreeSet<>();
    final List<String> messages = new ArrayList<>();
  }

  /** Runs the named kit tests of a subclass, or all of them when no name is given. */
  private static Outcome run(Class<?> kit, String... methods) {
    List<DiscoverySelector> selectors = new ArrayList<>();
    if (methods.length == 0) {
      selectors.add(selectClass(kit));
    }
    for (String name : methods) {
      Method method = Arrays.stream(TableWriterCompatibilityKit.class.getDeclaredMethods())
          .filter(m -> m.getName().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no kit test " + name));
      selectors.add(selectMethod(kit, method));
    }
    Outcome outcome = new Outcome();
    Map<String, Boolean> seen = new ConcurrentHashMap<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(),
        new TestExecutionListener() {
          final Map<String, Long> started = new ConcurrentHashMap<>();

          @Override
          public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
          }

          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (Boolean.getBoolean("kit.timing")) {
              System.err.println(id.getDisplayName() + " " + (System.nanoTime() - started.get(id.getUniqueId())) / 1_000_000 + " ms");
            }
            if (!id.isTest() || !(id.getSource().orElse(null) instanceof MethodSource)) {
              return;
            }
            String name = ((MethodSource) id.getSource().get()).getMethodName();
            seen.put(name, Boolean.TRUE);
            switch (result.getStatus()) {
              case SUCCESSFUL:
                outcome.succeeded.add(name);
                break;
              case ABORTED:
                outcome.aborted.add(name);
                break;
              default:
                outcome.failed.add(name);
            }
            result.getThrowable().ifPresent(t -> outcome.messages.add(name + ": " + t));
          }
        });
    // a test both passed and failed (parameterized) counts as failed
    outcome.succeeded.removeAll(outcome.failed);
    outcome.succeeded.removeAll(outcome.aborted);
    return outcome;
  }

  /** Base of the self-test kits: the reference writer with one flaw, read back by deserializing. */
  abstract static class Serialized extends TableWriterCompatibilityKit {
    abstract Flaw flaw();

    @Override
    protected TableWriterProvider provider() {
      return new SerializedWriterProvider(flaw());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected ReadBack readBack(Path file) throws Exception {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file)); ObjectInputStream o = new ObjectInputStream(in)) {
        return new ReadBack((List<String>) o.readObject(), (List<List<Object>>) o.readObject());
      }
    }
  }

  static class Correct extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.NONE;
    }
  }

  static class AbortPublishes extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.ABORT_PUBLISHES;
    }
  }

  static class WritesTargetDirectly extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.WRITES_TARGET_DIRECTLY;
    }
  }

  static class CloseTwiceThrows extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.CLOSE_TWICE_THROWS;
    }
  }

  static class NullAsEmpty extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.NULL_AS_EMPTY;
    }
  }

  static class LosesNegativeZero extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.LOSES_NEGATIVE_ZERO;
    }
  }

  static class WriteAfterCloseIgnored extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.WRITE_AFTER_CLOSE_IGNORED;
    }
  }

  static class KeepsFileAfterFailedWrite extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.KEEPS_FILE_AFTER_FAILED_WRITE;
    }
  }

  static class UpperCaseFormat extends Serialized {
    @Override
    Flaw flaw() {
      return Flaw.UPPER_CASE_FORMAT;
    }
  }

  static class KnownBugListed extends CloseTwiceThrows {
    @Override
    protected Map<String, String> knownBugs() {
      return Map.of("close_twiceIsSafe", "close() twice throws (self-test)");
    }
  }

  static class KnownBugFixed extends Correct {
    @Override
    protected Map<String, String> knownBugs() {
      return Map.of("close_twiceIsSafe", "close() twice throws (self-test)");
    }
  }

  /** A format without dates. Reason (as every override must give): the self-test needs one unsupported type. */
  static class NoDates extends Correct {
    @Override
    protected boolean supportsType(io.transmog.api.table.ColumnType type) {
      return type != io.transmog.api.table.ColumnType.DATE;
    }
  }
}

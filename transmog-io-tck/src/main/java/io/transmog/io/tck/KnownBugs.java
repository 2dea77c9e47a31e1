package io.transmog.io.tck;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Runs the tests a subclass lists in {@link TableWriterCompatibilityKit#knownBugs()} as expected failures: a failure
 * aborts the test with the bug's description, a pass fails it so that the entry is removed. Not API.
 */
final class KnownBugs implements InvocationInterceptor {
  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
      ExtensionContext extension) throws Throwable {
    run(invocation, context);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
      ExtensionContext extension) throws Throwable {
    run(invocation, context);
  }

  private static void run(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context) throws Throwable {
    Object target = context.getTarget().orElse(null);
    String name = context.getExecutable().getName();
    String bug = null;
    if (target instanceof TableWriterCompatibilityKit) {
      Map<String, String> bugs = ((TableWriterCompatibilityKit) target).knownBugs();
      bug = bugs == null ? null : bugs.get(name);
    }
    if (bug == null) {
      invocation.proceed();
      return;
    }
    try {
      invocation.proceed();
    } catch (TestAbortedException e) {
      throw e;
    } catch (Throwable failure) {
      TestAbortedException aborted = new TestAbortedException("known bug, expected to fail: " + bug + " — failed with: "
          + failure);
      aborted.addSuppressed(failure);
      throw aborted;
    }
    throw new AssertionError(name + " is listed in knownBugs() (" + bug + ") but passed: the bug looks fixed, so "
        + "remove it from knownBugs()");
  }
}

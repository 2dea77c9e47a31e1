package io.transmog.io.arrow.internal;

import io.transmog.api.WriterException;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Checks that Arrow's memory module can work in this JVM, and turns its failures into a {@link WriterException} that
 * names the exact JVM flag to add, instead of a raw {@code InaccessibleObjectException} or
 * {@code UnsupportedOperationException} from deep inside Arrow.
 *
 * <p>Why the flag: Arrow's buffers live off the heap, and to hand them to a {@code WritableByteChannel} Arrow wraps
 * them in a {@code java.nio.DirectByteBuffer} through that class's private constructor
 * ({@code org.apache.arrow.memory.util.MemoryUtil#directBuffer}). Deep reflection into {@code java.nio} needs the
 * package opened to the caller: to the unnamed module when Arrow is on the class path, to the named module
 * {@code org.apache.arrow.memory.core} when it is on the module path. Without it, Arrow's {@code MemoryUtil} still
 * initialises but every IPC write fails with "sun.misc.Unsafe or java.nio.DirectByteBuffer.&lt;init&gt;(long, int) not
 * available". The check below asks the module system directly, so it costs nothing and runs before any file is made.
 */
final class MemoryAccess {
  /** The flag when Arrow's jars are on the class path (the CLI's transmog.jar, Spark, most applications). */
  static final String CLASS_PATH_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";
  /** The flag when Arrow's jars are named modules on the module path. */
  static final String MODULE_PATH_FLAG = "--add-opens=java.base/java.nio=org.apache.arrow.memory.core";

  private MemoryAccess() {}

  /**
   * Returns the module Arrow's memory code runs in: {@code org.apache.arrow.memory.core} on the module path, the
   * unnamed module on the class path. Naming the class does not initialise it.
   */
  static Module arrowMemoryModule() {
    return BufferAllocator.class.getModule();
  }

  /** @return whether {@code java.nio} is open to Arrow's memory module, as Arrow needs */
  static boolean isNioOpen() {
    return ByteBuffer.class.getModule().isOpen("java.nio", arrowMemoryModule());
  }

  /** @return the flag that opens {@code java.nio} to Arrow where it runs in this JVM */
  static String requiredFlag() {
    return arrowMemoryModule().isNamed() ? MODULE_PATH_FLAG : CLASS_PATH_FLAG;
  }

  /**
   * Fails unless {@code java.nio} is open to Arrow.
   *
   * @param where the table and file, for the message
   * @throws WriterException naming the flag to add
   */
  static void requireNioOpen(String where) {
    if (!isNioOpen()) {
      throw missingFlag(where, null);
    }
  }

  /**
   * Creates a root allocator for one writer (unlimited: the writer bounds its batches itself).
   *
   * @param where the table and file, for messages
   * @return the allocator; the caller closes it
   * @throws WriterException if Arrow's memory module cannot start, naming the flag when that is the cause
   */
  static BufferAllocator newRootAllocator(String where) {
    try {
      return new RootAllocator(Long.MAX_VALUE);
    } catch (RuntimeException | LinkageError e) {
      if (isMemoryAccessFailure(e)) {
        throw missingFlag(where, e);
      }
      throw new WriterException(where + ": Apache Arrow's memory allocator cannot start (arrow-memory-unsafe must be "
          + "on the class path or module path next to arrow-memory-core): " + e, e);
    }
  }

  /**
   * Tells whether a failure comes from Arrow's memory module lacking access to {@code java.nio} or
   * {@code sun.misc.Unsafe}.
   *
   * @param failure any throwable; its causes are examined too
   * @return whether adding the flag is the fix
   */
  static boolean isMemoryAccessFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InaccessibleObjectException) {
        return true;
      }
      String message = String.valueOf(t.getMessage());
      if (t instanceof UnsupportedOperationException
          && (message.contains("DirectByteBuffer") || message.contains("sun.misc.Unsafe"))) {
        return true; // MemoryUtil.directBuffer without the flag
      }
      if (message.contains("Failed to initialize MemoryUtil")
          || message.contains("org.apache.arrow.memory.util.MemoryUtil")) {
        return true; // MemoryUtil.<clinit> failed, or a later use of the class that failed to initialise
      }
      if ((t instanceof ExceptionInInitializerError || t instanceof NoClassDefFoundError) && thrownByArrowMemory(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Returns the exception that names the flag.
   *
   * @param where the table and file
   * @param cause the failure seen, or {@code null} when the check found the package closed up front
   * @return the exception to throw
   */
  static WriterException missingFlag(String where, Throwable cause) {
    String flag = requiredFlag();
    String place = arrowMemoryModule().isNamed()
        ? "Arrow is on the module path, as module org.apache.arrow.memory.core"
        : "Arrow is on the class path";
    String message = where + ": Apache Arrow cannot hand its off-heap buffers to NIO because java.base does not open "
        + "java.nio to it; start the JVM with " + flag + " (" + place + "; the transmog launcher sets it; for other "
        + "launchers add it to the java command line or to the JDK_JAVA_OPTIONS environment variable). "
        + "Nothing was written.";
    return cause == null ? new WriterException(message) : new WriterException(message, cause);
  }

  private static boolean thrownByArrowMemory(Throwable t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().startsWith("org.apache.arrow.memory.")) {
        return true;
      }
    }
    return false;
  }
}

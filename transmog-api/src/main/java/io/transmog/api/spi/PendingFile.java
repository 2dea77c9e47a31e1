package io.transmog.api.spi;

import io.transmog.api.WriterException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A file being written under a temporary name next to its target, published by an atomic move. Writers use it so that
 * no partial file ever appears under a final name. Not thread-safe.
 *
 * <p>The temporary name is {@code .<target-name>.<random>.tmp} in the target's directory, so the move never crosses a
 * file system. {@link #publish()} forces the data to disk before the move.
 */
public final class PendingFile {
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  private final Path target;
  private final Path temp;
  private boolean done;
  private long bytes;

  private PendingFile(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /**
   * Creates the temporary file for a target.
   *
   * @param target the final path
   * @return the pending file
   * @throws WriterException if the directory is missing or not writable
   */
  public static PendingFile create(Path target) {
    Objects.requireNonNull(target, "target must not be null");
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      // not Files.createTempFile: that creates mode 0600, and a published output must get the usual umask mode
      while (true) {
        Path temp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        try {
          Files.createFile(temp);
          return new PendingFile(abs, temp);
        } catch (java.nio.file.FileAlreadyExistsException retry) {
          // another writer drew the same name; draw again
        }
      }
    } catch (IOException e) {
      throw new WriterException("cannot create a temporary file for " + abs + " in " + dir + ": " + e, e);
    }
  }

  /** @return the temporary path being written */
  public Path temp() {
    return temp;
  }

  /** @return the final path */
  public Path target() {
    return target;
  }

  /**
   * Opens the temporary file for writing (truncating it). The stream counts the bytes passed through it, see
   * {@link #bytesWritten()}.
   *
   * @return a new, unbuffered stream
   * @throws WriterException if the file cannot be opened
   */
  public OutputStream openStream() {
    try {
      OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      return new java.io.FilterOutputStream(out) {
        @Override
        public void write(int b) throws IOException {
          out.write(b);
          bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          bytes += len;
        }
      };
    } catch (IOException e) {
      throw new WriterException("cannot open " + temp + " for writing: " + e, e);
    }
  }

  /** @return the bytes written through {@link #openStream()} so far */
  public long bytesWritten() {
    return bytes;
  }

  /**
   * Forces the temporary file to disk and moves it to the target atomically, replacing an existing target. Idempotent.
   *
   * @throws WriterException if the move fails; the temporary file is then deleted
   */
  public void publish() {
    if (done) {
      return;
    }
    done = true;
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly();
      throw new WriterException("cannot move " + temp + " to " + target + ": " + e, e);
    }
  }

  /** Deletes the temporary file; never publishes. Idempotent and never throws. */
  public void discard() {
    if (done) {
      return;
    }
    done = true;
    deleteQuietly();
  }

  /** @return whether {@link #publish()} or {@link #discard()} has run */
  public boolean isDone() {
    return done;
  }

  private void deleteQuietly() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // nothing more can be done; the name starts with '.' and ends with .tmp so it is recognisable
    }
  }
}

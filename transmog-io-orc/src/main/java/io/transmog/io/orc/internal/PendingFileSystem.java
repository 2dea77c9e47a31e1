package io.transmog.io.orc.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The Hadoop {@code FileSystem} ORC's writer is given: it creates exactly one file, the writer's temporary file, with
 * plain {@code java.nio}, and counts the bytes written to it.
 *
 * <p>Why not Hadoop's own local file system: {@code LocalFileSystem} is a {@code ChecksumFileSystem} and writes a
 * {@code .<name>.crc} side file next to every file, which the atomic rename (or an abort) would leave behind; it is
 * also looked up through Hadoop's process-wide {@code FileSystem} cache, which logs in a Hadoop user first. The raw
 * local file system avoids the side file, but its {@code create} variants that take a permission set it afterwards,
 * which without Hadoop's native library forks a {@code chmod} process. Neither is needed to write a local file. Only
 * {@code create} is used by ORC (through {@code PhysicalFsWriter}), and this instance is never cached.
 *
 * <p>One instance per writer, used by that writer's thread only.
 */
final class PendingFileSystem extends RawLocalFileSystem {
  private final java.nio.file.Path file;
  private FSDataOutputStream stream;

  /**
   * Creates the file system for one temporary file.
   *
   * @param file the temporary file, already created by {@code PendingFile}
   * @param conf the writer's (empty) configuration
   */
  PendingFileSystem(java.nio.file.Path file, Configuration conf) {
    this.file = file;
    setConf(conf);
  }

  /** @return the Hadoop path of the one file this file system writes */
  Path hadoopPath() {
    return new Path(file.toUri());
  }

  // RawLocalFileSystem overrides both of these (PhysicalFsWriter calls the first through FileSystem's overloads)
  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    return createPendingFile(f, bufferSize);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    return createPendingFile(f, bufferSize);
  }

  private FSDataOutputStream createPendingFile(Path f, int bufferSize) throws IOException {
    java.nio.file.Path requested = java.nio.file.Path.of(f.toUri());
    if (!requested.equals(file) || stream != null) {
      throw new IOException("this file system writes only " + file + ", once; ORC asked for " + f);
    }
    // the file exists (PendingFile created it with the usual umask mode); truncate rather than re-create it
    OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    // FSDataOutputStream counts the position (getPos) for ORC's stripe offsets; no Hadoop statistics are kept
    stream = new FSDataOutputStream(new BufferedOutputStream(out, Math.max(bufferSize, 64 * 1024)), null);
    return stream;
  }

  /** @return bytes handed to the file so far (some may still sit in the stream's buffer), 0 before creation */
  long position() {
    return stream == null ? 0 : stream.getPos();
  }

  /** Closes the file if it is open; used on abort, when ORC's writer is not closed. Never throws. */
  void closeQuietly() {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException | RuntimeException ignored) {
      // the file is being discarded; there is nothing left to save
    }
  }
}

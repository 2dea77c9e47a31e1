package io.transmog.io.parquet.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * A {@link CompressionCodecFactory} that needs no Hadoop class: snappy through snappy-java, zstd through zstd-jni, gzip
 * through {@code java.util.zip}, and pass-through for uncompressed pages. Parquet Java's own {@code CodecFactory} goes
 * through Hadoop's {@code CodecPool} and {@code ZlibCompressor} even for local files, which is the only reason a plain
 * writer needs Hadoop at run time.
 *
 * <p>One factory serves one writer and is used by one thread at a time: it hands the same compressor to every column
 * (as Parquet's own factory does), so a zstd writer holds one native compression context and one pair of page buffers,
 * not one per column. {@link #release()} frees the native zstd context and the deflater; it is idempotent.
 *
 * <p>Formats, as the Parquet specification defines the codecs: SNAPPY is a raw Snappy block (not the framing format),
 * ZSTD is one Zstandard frame (RFC 8878), GZIP is one gzip member (RFC 1952).
 */
final class StandaloneCodecFactory implements CompressionCodecFactory {
  private final int zstdLevel;
  private final int gzipLevel;
  private final Map<CompressionCodecName, Compressor> compressors = new EnumMap<>(CompressionCodecName.class);

  /**
   * Creates a factory.
   *
   * @param zstdLevel the Zstandard level for {@link CompressionCodecName#ZSTD}
   */
  StandaloneCodecFactory(int zstdLevel) {
    this.zstdLevel = zstdLevel;
    // The level Hadoop's GzipCodec uses by default (zlib's 6): files compare like-for-like with other Parquet writers.
    this.gzipLevel = Deflater.DEFAULT_COMPRESSION;
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
    return compressors.computeIfAbsent(codecName, this::newCompressor);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
    checkSupported(codecName);
    return new Decompressor(codecName);
  }

  @Override
  public void release() {
    for (Compressor c : compressors.values()) {
      c.release();
    }
    compressors.clear();
  }

  private Compressor newCompressor(CompressionCodecName codecName) {
    checkSupported(codecName);
    switch (codecName) {
      case ZSTD:
        return new ZstdCompressor(zstdLevel);
      case GZIP:
        return new GzipCompressor(gzipLevel);
      default:
        return new Compressor(codecName);
    }
  }

  private static void checkSupported(CompressionCodecName codecName) {
    switch (codecName) {
      case UNCOMPRESSED:
      case SNAPPY:
      case GZIP:
      case ZSTD:
        return;
      default:
        throw new UnsupportedOperationException("codec " + codecName + " is not supported by the Transmog Parquet "
            + "writer; use zstd, snappy, gzip or uncompressed");
    }
  }

  /**
   * UNCOMPRESSED (pass-through) and SNAPPY; the stateful codecs subclass it. The input and output arrays are reused
   * from page to page, as the {@link BytesInputCompressor} contract allows (a result must be consumed before the next
   * call, which Parquet's page writer does by copying it at once); so a writer allocates nothing per page once its
   * buffers have grown to the page size.
   */
  private static class Compressor implements BytesInputCompressor {
    private final CompressionCodecName codec;
    /** The page being compressed. */
    final Buffer in = new Buffer();
    /** The compressed page. */
    final Buffer out = new Buffer();

    Compressor(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      int length = load(bytes);
      byte[] target = out.capacity(Snappy.maxCompressedLength(length));
      return BytesInput.from(target, 0, Snappy.compress(in.array(), 0, length, target, 0));
    }

    /** Copies the page into {@link #in} and returns its length. */
    final int load(BytesInput bytes) throws IOException {
      in.reset();
      bytes.writeAllTo(in);
      return in.size();
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {
      // nothing native held; the buffers go with the writer
    }
  }

  /** One reusable native context; creating one per page would allocate its tables (megabytes) every time. */
  private static final class ZstdCompressor extends Compressor {
    private ZstdCompressCtx ctx;
    private final int level;

    ZstdCompressor(int level) {
      super(CompressionCodecName.ZSTD);
      this.level = level;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      if (ctx == null) {
        ctx = new ZstdCompressCtx().setLevel(level);
      }
      int length = load(bytes);
      byte[] target = out.capacity(Math.toIntExact(Zstd.compressBound(length)));
      int n = ctx.compressByteArray(target, 0, target.length, in.array(), 0, length);
      return BytesInput.from(target, 0, n);
    }

    @Override
    public void release() {
      if (ctx != null) {
        ctx.close();
        ctx = null;
      }
    }
  }

  /**
   * Gzip with one reusable {@link Deflater}: {@code GZIPOutputStream} would create (and natively allocate) a new one
   * for every page. Writes the RFC 1952 member by hand: a 10-byte header, raw deflate data, CRC-32 and size.
   */
  private static final class GzipCompressor extends Compressor {
    private static final byte[] HEADER = {
      0x1f, (byte) 0x8b, // magic
      Deflater.DEFLATED, // CM = deflate
      0, // FLG: no name, comment or extra field
      0, 0, 0, 0, // MTIME unknown, so that equal input gives equal files
      0, // XFL
      (byte) 255 // OS = unknown
    };
    private final int level;
    private Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] chunk = new byte[64 * 1024];

    GzipCompressor(int level) {
      super(CompressionCodecName.GZIP);
      this.level = level;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      int length = load(bytes);
      if (deflater == null) {
        deflater = new Deflater(level, true);
      } else {
        deflater.reset();
      }
      crc.reset();
      crc.update(in.array(), 0, length);
      out.reset();
      out.write(HEADER);
      deflater.setInput(in.array(), 0, length);
      deflater.finish();
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        out.write(chunk, 0, n);
      }
      writeIntLe(out, (int) crc.getValue());
      writeIntLe(out, length); // ISIZE: input size modulo 2^32
      return BytesInput.from(out.array(), 0, out.size());
    }

    @Override
    public void release() {
      if (deflater != null) {
        deflater.end();
        deflater = null;
      }
    }

    private static void writeIntLe(Buffer out, int v) {
      out.write(v);
      out.write(v >>> 8);
      out.write(v >>> 16);
      out.write(v >>> 24);
    }
  }

  /** A {@link ByteArrayOutputStream} whose array can be read and reused without copying. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(8 * 1024);
    }

    byte[] array() {
      return buf;
    }

    /** Returns the backing array, grown to at least {@code size} bytes; the content is not kept. */
    byte[] capacity(int size) {
      if (buf.length < size) {
        buf = new byte[size];
      }
      count = 0;
      return buf;
    }
  }

  /** Decompression of the same four codecs; not needed for writing, but it keeps the factory complete and testable. */
  private static final class Decompressor implements BytesInputDecompressor {
    private final CompressionCodecName codec;

    Decompressor(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      bytes.writeAllTo(in);
      return BytesInput.from(decompress(in.toByteArray(), decompressedSize));
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.get(in);
      byte[] out = codec == CompressionCodecName.UNCOMPRESSED ? in : decompress(in, decompressedSize);
      output.put(out, 0, decompressedSize);
    }

    private byte[] decompress(byte[] in, int size) throws IOException {
      byte[] out;
      switch (codec) {
        case SNAPPY:
          out = Snappy.uncompress(in);
          break;
        case ZSTD:
          out = Zstd.decompress(in, size);
          break;
        case GZIP:
          try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
            out = gz.readAllBytes();
          }
          break;
        default:
          throw new IllegalStateException("codec " + codec);
      }
      if (out.length != size) {
        throw new IOException(codec + " page decompressed to " + out.length + " bytes, expected " + size);
      }
      return out;
    }

    @Override
    public void release() {
      // nothing held
    }
  }
}

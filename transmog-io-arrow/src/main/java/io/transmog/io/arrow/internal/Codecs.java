package io.transmog.io.arrow.internal;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;

/**
 * The IPC body codecs: LZ4 frame (lz4-java, pure Java) and Zstandard (zstd-jni), in Arrow's buffer layout (an 8-byte
 * little-endian uncompressed length, then the compressed bytes; a buffer that would grow is stored raw with length
 * -1, which {@link AbstractCompressionCodec} does). Stateless apart from the zstd level; thread-safe.
 *
 * <p>Why not {@code arrow-compression}'s {@code CommonsCompressionFactory}: its LZ4 codec compresses through
 * commons-compress's {@code FramedLZ4CompressorOutputStream}, which is super-linear on repetitive data (measured here:
 * 15 s for 1 MiB of JSON text, 138 s for 1 MiB of consecutive int64s), so a real table would take hours. lz4-java's
 * pure-Java ("safe") compressor writes the same LZ4 frame format at hundreds of MB/s, without JNI or
 * {@code sun.misc.Unsafe}. Its zstd codec is a thin wrapper over zstd-jni, repeated here so that commons-compress,
 * commons-io and commons-lang3 stay off the class path. Files are read back by Arrow's own codecs in the tests.
 */
final class Codecs implements CompressionCodec.Factory {
  static final Codecs INSTANCE = new Codecs();
  /** Zstandard level of {@code compression=zstd}: 3, the library's default and Arrow's. */
  static final int ZSTD_LEVEL = 3;

  private Codecs() {}

  @Override
  public CompressionCodec createCodec(CompressionUtil.CodecType codecType) {
    return createCodec(codecType, ZSTD_LEVEL);
  }

  @Override
  public CompressionCodec createCodec(CompressionUtil.CodecType codecType, int compressionLevel) {
    switch (codecType) {
      case NO_COMPRESSION:
        return NoCompressionCodec.INSTANCE;
      case LZ4_FRAME:
        return Lz4Frame.INSTANCE;
      case ZSTD:
        return new ZstdCodec(compressionLevel);
      default:
        throw new IllegalArgumentException("unsupported Arrow compression codec " + codecType);
    }
  }

  /** LZ4 frame format (magic {@code 0x184D2204}), independent blocks, no checksums but the header's. */
  static final class Lz4Frame extends AbstractCompressionCodec {
    static final Lz4Frame INSTANCE = new Lz4Frame();
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.safeInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().safeDecompressor();
    private static final XXHash32 HASH = XXHashFactory.safeInstance().hash32();

    private Lz4Frame() {}

    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
      byte[] in = bytes(uncompressed, 0);
      ByteArrayOutputStream compressed = new ByteArrayOutputStream(in.length / 2 + 64);
      try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(compressed, blockSize(in.length), in.length,
          COMPRESSOR, HASH, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
          LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
        out.write(in);
      } catch (IOException e) {
        throw new UncheckedIOException("LZ4 compression failed", e);
      }
      return withLengthPrefix(allocator, compressed.toByteArray());
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
      long length = readUncompressedLength(compressed);
      byte[] out = new byte[Math.toIntExact(length)];
      try (LZ4FrameInputStream in = new LZ4FrameInputStream(
          new ByteArrayInputStream(bytes(compressed, CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH)), DECOMPRESSOR,
          HASH)) {
        int read = in.readNBytes(out, 0, out.length);
        if (read != out.length) {
          throw new IllegalStateException("LZ4 frame holds " + read + " bytes, expected " + length);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("LZ4 decompression failed", e);
      }
      ArrowBuf result = allocator.buffer(length);
      result.setBytes(0, out);
      result.writerIndex(length);
      return result;
    }

    @Override
    public CompressionUtil.CodecType getCodecType() {
      return CompressionUtil.CodecType.LZ4_FRAME;
    }

    /** The smallest LZ4 block size that holds the buffer in one block (4 MiB at most): the stream allocates one. */
    private static LZ4FrameOutputStream.BLOCKSIZE blockSize(int length) {
      if (length <= 64 * 1024) {
        return LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB;
      }
      if (length <= 256 * 1024) {
        return LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB;
      }
      if (length <= 1024 * 1024) {
        return LZ4FrameOutputStream.BLOCKSIZE.SIZE_1MB;
      }
      return LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB;
    }
  }

  /** Zstandard frames, compressed straight between Arrow's off-heap buffers. */
  static final class ZstdCodec extends AbstractCompressionCodec {
    private final int level;

    ZstdCodec(int level) {
      this.level = level;
    }

    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
      long bound = Zstd.compressBound(uncompressed.writerIndex());
      long size = CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + bound;
      ArrowBuf compressed = allocator.buffer(size);
      long written = Zstd.compressUnsafe(compressed.memoryAddress() + CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH,
          bound, uncompressed.memoryAddress(), uncompressed.writerIndex(), level);
      if (Zstd.isError(written)) {
        compressed.close();
        throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(written));
      }
      compressed.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + written);
      return compressed;
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
      long length = readUncompressedLength(compressed);
      ArrowBuf result = allocator.buffer(length);
      long read = Zstd.decompressUnsafe(result.memoryAddress(), length,
          compressed.memoryAddress() + CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH,
          compressed.writerIndex() - CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH);
      if (Zstd.isError(read) || read != length) {
        result.close();
        throw new IllegalStateException("zstd decompression failed: "
            + (Zstd.isError(read) ? Zstd.getErrorName(read) : read + " bytes instead of " + length));
      }
      result.writerIndex(length);
      return result;
    }

    @Override
    public CompressionUtil.CodecType getCodecType() {
      return CompressionUtil.CodecType.ZSTD;
    }
  }

  private static byte[] bytes(ArrowBuf buffer, long from) {
    long length = buffer.writerIndex() - from;
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("an Arrow buffer of " + length + " bytes is too large to compress");
    }
    byte[] bytes = new byte[(int) length];
    buffer.getBytes(from, bytes);
    return bytes;
  }

  private static ArrowBuf withLengthPrefix(BufferAllocator allocator, byte[] compressed) {
    ArrowBuf buffer = allocator.buffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + compressed.length);
    buffer.setBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, compressed);
    buffer.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + compressed.length);
    return buffer;
  }
}

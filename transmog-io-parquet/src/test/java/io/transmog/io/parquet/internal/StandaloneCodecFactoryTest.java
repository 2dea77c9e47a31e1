package io.transmog.io.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

class StandaloneCodecFactoryTest {
  private static final byte[] PAGE = "a page of Parquet data, a page of Parquet data, a page of Parquet data. 東京"
      .repeat(500).getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{index} - {0}")
  @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"})
  void compressesAndDecompressesEveryPageAgainAndAgain(CompressionCodecName codec) throws IOException {
    StandaloneCodecFactory factory = new StandaloneCodecFactory(3);
    try {
      BytesInputCompressor compressor = factory.getCompressor(codec);
      BytesInputDecompressor decompressor = factory.getDecompressor(codec);
      assertThat(compressor.getCodecName()).isEqualTo(codec);
      assertThat(factory.getCompressor(codec)).as("one compressor per codec, shared by all columns")
          .isSameAs(compressor);
      byte[] first = bytes(compressor.compress(BytesInput.from(PAGE)));
      // reuse of the native context / deflater must give identical output, and an earlier result must stay valid
      byte[] second = bytes(compressor.compress(BytesInput.from(PAGE)));
      assertThat(second).isEqualTo(first);
      if (codec != CompressionCodecName.UNCOMPRESSED) {
        assertThat(first.length).isLessThan(PAGE.length / 4);
      }
      assertThat(bytes(decompressor.decompress(BytesInput.from(first), PAGE.length))).isEqualTo(PAGE);
      ByteBuffer output = ByteBuffer.allocate(PAGE.length);
      decompressor.decompress(ByteBuffer.wrap(first), first.length, output, PAGE.length);
      assertThat(output.array()).isEqualTo(PAGE);
    } finally {
      factory.release();
      factory.release();
    }
  }

  @Test
  void writesTheStandardFormatOfEachCodec() throws IOException {
    StandaloneCodecFactory factory = new StandaloneCodecFactory(5);
    try {
      // SNAPPY: a raw block, not the framing format
      byte[] snappy = bytes(factory.getCompressor(CompressionCodecName.SNAPPY).compress(BytesInput.from(PAGE)));
      assertThat(Snappy.uncompress(snappy)).isEqualTo(PAGE);
      // ZSTD: one frame that declares its content size
      byte[] zstd = bytes(factory.getCompressor(CompressionCodecName.ZSTD).compress(BytesInput.from(PAGE)));
      assertThat(Zstd.getFrameContentSize(zstd)).isEqualTo(PAGE.length);
      assertThat(Zstd.decompress(zstd, PAGE.length)).isEqualTo(PAGE);
      // GZIP: one RFC 1952 member, readable by the JDK's own stream
      byte[] gzip = bytes(factory.getCompressor(CompressionCodecName.GZIP).compress(BytesInput.from(PAGE)));
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
        assertThat(in.readAllBytes()).isEqualTo(PAGE);
      }
      byte[] empty = bytes(factory.getCompressor(CompressionCodecName.GZIP).compress(BytesInput.empty()));
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(empty))) {
        assertThat(in.readAllBytes()).isEmpty();
      }
    } finally {
      factory.release();
    }
  }

  @Test
  void zstdLevelIsApplied() throws IOException {
    StandaloneCodecFactory fast = new StandaloneCodecFactory(1);
    StandaloneCodecFactory strong = new StandaloneCodecFactory(19);
    try {
      long a = fast.getCompressor(CompressionCodecName.ZSTD).compress(BytesInput.from(PAGE)).size();
      long b = strong.getCompressor(CompressionCodecName.ZSTD).compress(BytesInput.from(PAGE)).size();
      // on this page the stronger level is smaller (zstd is not monotonic on every input, but it is on this one)
      assertThat(b).isLessThan(a);
    } finally {
      fast.release();
      strong.release();
    }
  }

  @Test
  void refusesCodecsItDoesNotImplement() {
    StandaloneCodecFactory factory = new StandaloneCodecFactory(3);
    for (CompressionCodecName codec : new CompressionCodecName[] {
        CompressionCodecName.LZO, CompressionCodecName.BROTLI, CompressionCodecName.LZ4, CompressionCodecName.LZ4_RAW}) {
      assertThatThrownBy(() -> factory.getCompressor(codec))
          .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining(codec.name());
      assertThatThrownBy(() -> factory.getDecompressor(codec))
          .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining(codec.name());
    }
  }

  /** Materialises a page; {@code BytesInput.toByteArray()} is deprecated. */
  private static byte[] bytes(BytesInput input) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    input.writeAllTo(out);
    return out.toByteArray();
  }

  @Test
  void fixedLengthDecimalBytesAreSignExtendedBigEndian() {
    assertThat(CellWriter.fixed(java.math.BigInteger.valueOf(-1), 4))
        .containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
    assertThat(CellWriter.fixed(java.math.BigInteger.valueOf(255), 4)).containsExactly(0, 0, 0, 0xFF);
    assertThat(CellWriter.fixed(java.math.BigInteger.valueOf(-256), 3)).containsExactly(0xFF, 0xFF, 0);
    assertThat(ParquetSchemaMapper.bytesFor(9)).isEqualTo(4);
    assertThat(ParquetSchemaMapper.bytesFor(18)).isEqualTo(8);
    assertThat(ParquetSchemaMapper.bytesFor(19)).isEqualTo(9);
    assertThat(ParquetSchemaMapper.bytesFor(38)).isEqualTo(16);
  }
}

package io.transmog.io.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainDoubleDictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainLongDictionaryValuesWriter;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DictionaryWriters} against Parquet Java's own dictionary writers, page by page: the same data pages, the same
 * encodings, the same fallback decisions and the same dictionary page, for text (reused views, constant values handed
 * in again and again, both mixed), longs and doubles (with -0.0 and NaN), with dictionaries that stay small and ones
 * that outgrow their limit.
 */
@SuppressWarnings("deprecation") // Encoding.PLAIN_DICTIONARY: what v1 pages record for dictionary encoding
class DictionaryWritersTest {
  private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();

  @ParameterizedTest(name = "max dictionary {0} bytes")
  @ValueSource(ints = {64, 2_000, 1_000_000})
  void textPagesAreThoseOfParquetsWriter(int maxDictionaryBytes) throws IOException {
    Binary[] constants = new Binary[200];
    for (int i = 0; i < constants.length; i++) {
      constants[i] = Binary.fromConstantByteArray(("value " + i + (i % 3 == 0 ? " é" : "")).getBytes(
          StandardCharsets.UTF_8));
    }
    byte[] scratch = new byte[64];
    compare(new PlainBinaryDictionaryValuesWriter(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY,
            Encoding.PLAIN_DICTIONARY, HEAP),
        new DictionaryWriters.Text(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY, HEAP),
        new SplittableRandom(maxDictionaryBytes), (random, i) -> {
          Binary constant = constants[random.nextInt(constants.length)];
          if (i % 3 == 0) {
            // the same constant object again and again: the identity path
            return w -> w.writeBytes(constant);
          }
          // the same bytes through a reused view, whose object is shared by every value of that length
          byte[] b = constant.getBytes();
          return w -> {
            System.arraycopy(b, 0, scratch, 0, b.length);
            w.writeBytes(Binary.fromReusedByteArray(scratch, 0, b.length));
          };
        });
  }

  @ParameterizedTest(name = "max dictionary {0} bytes")
  @ValueSource(ints = {64, 4_000, 1_000_000})
  void longPagesAreThoseOfParquetsWriter(int maxDictionaryBytes) throws IOException {
    compare(new PlainLongDictionaryValuesWriter(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY,
            Encoding.PLAIN_DICTIONARY, HEAP),
        new DictionaryWriters.Longs(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY, HEAP, false),
        new SplittableRandom(maxDictionaryBytes + 1), (random, i) -> {
          long v = i % 5 == 0 ? random.nextLong() : random.nextInt(300) - 150L;
          return w -> w.writeLong(v);
        });
  }

  @ParameterizedTest(name = "max dictionary {0} bytes")
  @ValueSource(ints = {64, 4_000, 1_000_000})
  void doublePagesAreThoseOfParquetsWriter(int maxDictionaryBytes) throws IOException {
    double[] specials = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L), Double.MIN_VALUE,
        Double.POSITIVE_INFINITY};
    compare(new PlainDoubleDictionaryValuesWriter(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY,
            Encoding.PLAIN_DICTIONARY, HEAP),
        new DictionaryWriters.Longs(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY, HEAP, true),
        new SplittableRandom(maxDictionaryBytes + 2), (random, i) -> {
          double v = i % 7 == 0 ? specials[random.nextInt(specials.length)] : random.nextInt(500) / 100.0;
          return w -> w.writeDouble(v);
        });
  }

  /**
   * Drives both writers as a column writer does, through a fallback writer, over three column chunks of several pages
   * each, with the same values, and compares every page, encoding and dictionary page.
   */
  private static void compare(DictionaryValuesWriter parquets, DictionaryValuesWriter ours, SplittableRandom random,
      BiFunction<SplittableRandom, Integer, Consumer<ValuesWriter>> values) throws IOException {
    ValuesWriter expected = FallbackValuesWriter.of(parquets, new PlainValuesWriter(64, 1 << 20, HEAP));
    ValuesWriter actual = FallbackValuesWriter.of(ours, new PlainValuesWriter(64, 1 << 20, HEAP));
    for (int chunk = 0; chunk < 3; chunk++) {
      for (int page = 0; page < 4; page++) {
        List<Consumer<ValuesWriter>> feed = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3_000); i < n; i++) {
          feed.add(values.apply(random, i));
        }
        for (Consumer<ValuesWriter> v : feed) {
          v.accept(expected);
          v.accept(actual);
        }
        assertThat(actual.getBufferedSize()).isEqualTo(expected.getBufferedSize());
        assertThat(actual.getBytes().toByteArray()).as("chunk %d page %d", chunk, page)
            .isEqualTo(expected.getBytes().toByteArray());
        assertThat(actual.getEncoding()).isEqualTo(expected.getEncoding());
        expected.reset();
        actual.reset();
      }
      DictionaryPage e = expected.toDictPageAndClose();
      DictionaryPage o = actual.toDictPageAndClose();
      if (e == null) {
        assertThat(o).isNull();
      } else {
        assertThat(o.getBytes().toByteArray()).isEqualTo(e.getBytes().toByteArray());
        assertThat(o.getDictionarySize()).isEqualTo(e.getDictionarySize());
        assertThat(o.getEncoding()).isEqualTo(e.getEncoding());
      }
      expected.resetDictionary();
      actual.resetDictionary();
    }
  }
}

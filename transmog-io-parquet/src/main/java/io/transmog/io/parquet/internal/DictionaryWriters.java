package io.transmog.io.parquet.internal;

import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.IntList;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainDoubleDictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainLongDictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Dictionary encoders for text, {@code int64} and {@code double} columns that produce exactly the pages of Parquet
 * Java's own ({@code PlainBinaryDictionaryValuesWriter}, {@code PlainLongDictionaryValuesWriter},
 * {@code PlainDoubleDictionaryValuesWriter}: the same ids in first-seen order, the same dictionary size accounting and
 * so the same fallback decisions, the same dictionary page), at a lower cost per value. Used through
 * {@link #factory()}, which swaps them in where Parquet's default factory would build its own.
 *
 * <p>Why: dictionary lookups were the largest item of the Parquet writer after reading the cells. Parquet's maps
 * (fastutil's linked open hash maps) keep no hash per entry, so every probe of an occupied slot compares bytes, and
 * they spread a key, its id and its insertion links over three arrays, so a lookup in a large dictionary misses the
 * cache up to three times. Here:
 *
 * <ul>
 *   <li>text: each entry keeps its hash, so a probe compares bytes only when the hashes match; and a value handed in as
 *       a <em>constant</em> {@code Binary} (the plugin's {@link ValueCache} hands out one object per distinct value) is
 *       recognised by identity in a small direct-mapped table before anything is hashed;
 *   <li>{@code int64} and {@code double} (by its raw bits, as Parquet does): key and id sit side by side in one
 *       {@code long[]}, one cache line per probe.
 * </ul>
 *
 * <p>Each writer serves one column chunk and one thread, as Parquet's do.
 */
final class DictionaryWriters {
  private DictionaryWriters() {}

  /**
   * Returns a factory that builds Parquet's default values writers but with these dictionary encoders inside the
   * dictionary-with-fallback writers of text, {@code int64} and {@code double} columns (v1 pages only: the writer
   * version this plugin uses).
   *
   * @return a new factory, to be given to one {@link ParquetProperties}
   */
  static ValuesWriterFactory factory() {
    return new Factory();
  }

  private static final class Factory implements ValuesWriterFactory {
    private final DefaultValuesWriterFactory delegate = new DefaultValuesWriterFactory();
    private ParquetProperties props;

    @Override
    public void initialize(ParquetProperties properties) {
      this.props = properties;
      delegate.initialize(properties);
    }

    @Override
    @SuppressWarnings("deprecation") // PLAIN_DICTIONARY: what v1 pages record for dictionary encoding, as Parquet's own
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
      ValuesWriter w = delegate.newValuesWriter(descriptor);
      if (!(w instanceof FallbackValuesWriter) || props.getWriterVersion() != WriterVersion.PARQUET_1_0) {
        return w;
      }
      FallbackValuesWriter<?, ?> f = (FallbackValuesWriter<?, ?>) w;
      if (!(f.fallBackWriter instanceof PlainValuesWriter)) {
        return w;
      }
      PlainValuesWriter plain = (PlainValuesWriter) f.fallBackWriter;
      int max = props.getDictionaryPageSizeThreshold();
      ByteBufferAllocator allocator = props.getAllocator();
      // v1 data pages label dictionary pages and dictionary-encoded data pages PLAIN_DICTIONARY (as Parquet's v1
      // factory does)
      Encoding encoding = Encoding.PLAIN_DICTIONARY;
      if (f.initialWriter instanceof PlainBinaryDictionaryValuesWriter) {
        return FallbackValuesWriter.of(new Text(max, encoding, allocator), plain);
      }
      if (f.initialWriter instanceof PlainLongDictionaryValuesWriter) {
        return FallbackValuesWriter.of(new Longs(max, encoding, allocator, false), plain);
      }
      if (f.initialWriter instanceof PlainDoubleDictionaryValuesWriter) {
        return FallbackValuesWriter.of(new Longs(max, encoding, allocator, true), plain);
      }
      return w;
    }
  }

  /** The class of a {@code Binary} over a whole array, as {@link Binary#fromConstantByteArray(byte[])} makes it. */
  private static final Class<?> CONSTANT_ARRAY_CLASS = Binary.fromConstantByteArray(new byte[0]).getClass();

  /** Text (and any {@code BINARY}) values. */
  static final class Text extends DictionaryValuesWriter {
    /** Size of the identity table: recent constant values and their ids, direct-mapped. */
    private static final int RECENT = 1024;

    private Binary[] keys = new Binary[64];
    private int[] keyHashes = new int[64];
    private int size;
    /** Open addressing, linear probing, at most half full: id + 1 per slot, 0 when empty. */
    private int[] slots = new int[128];
    private final Binary[] recent = new Binary[RECENT];
    private final int[] recentIds = new int[RECENT];

    Text(int maxDictionaryByteSize, Encoding encoding, ByteBufferAllocator allocator) {
      super(maxDictionaryByteSize, encoding, encoding, allocator);
    }

    @Override
    public void writeBytes(Binary v) {
      // copy() of a constant Binary is the object itself (and allocates nothing); the class test keeps the plugin's
      // reused views, whose bytes change under the same object, away from copy() and from the identity table
      boolean constant = v.getClass() == CONSTANT_ARRAY_CLASS && v.copy() == v;
      int r = 0;
      if (constant) {
        // a constant Binary never changes, so the same object is the same value
        r = System.identityHashCode(v) & (RECENT - 1);
        if (recent[r] == v) {
          encodedValues.add(recentIds[r]);
          return;
        }
      }
      int h = v.hashCode();
      int[] t = slots;
      int mask = t.length - 1;
      int i = spread(h) & mask;
      int id;
      while (true) {
        int e = t[i];
        if (e == 0) {
          id = add(v, h, i);
          break;
        }
        int k = e - 1;
        if (keyHashes[k] == h) {
          Binary key = keys[k];
          if (key == v || key.equals(v)) {
            id = k;
            break;
          }
        }
        i = (i + 1) & mask;
      }
      if (constant) {
        recent[r] = v;
        recentIds[r] = id;
      }
      encodedValues.add(id);
    }

    private int add(Binary v, int h, int slot) {
      int id = size++;
      if (id == keys.length) {
        keys = Arrays.copyOf(keys, id * 2);
        keyHashes = Arrays.copyOf(keyHashes, id * 2);
      }
      keys[id] = v.copy(); // a constant Binary is kept as it is, a reused one copied
      keyHashes[id] = h;
      slots[slot] = id + 1;
      // length as int (4 bytes) + the bytes, as Parquet counts
      dictionaryByteSize += 4L + v.length();
      if (2 * size > slots.length) {
        rehash();
      }
      return id;
    }

    private void rehash() {
      int[] t = new int[slots.length * 2];
      int mask = t.length - 1;
      for (int id = 0; id < size; id++) {
        int i = spread(keyHashes[id]) & mask;
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = id + 1;
      }
      slots = t;
    }

    @Override
    public DictionaryPage toDictPageAndClose() {
      if (lastUsedDictionarySize > 0) {
        // only the part of the dictionary that pages already refer to
        PlainValuesWriter encoder = new PlainValuesWriter(lastUsedDictionaryByteSize, maxDictionaryByteSize, allocator);
        for (int id = 0; id < lastUsedDictionarySize; id++) {
          encoder.writeBytes(keys[id]);
        }
        return dictPage(encoder);
      }
      return null;
    }

    @Override
    public int getDictionarySize() {
      return size;
    }

    @Override
    protected void clearDictionaryContent() {
      keys = new Binary[64];
      keyHashes = new int[64];
      slots = new int[128];
      size = 0;
      Arrays.fill(recent, null);
    }

    @Override
    public void fallBackDictionaryEncodedData(ValuesWriter writer) {
      for (IntList.IntIterator it = encodedValues.iterator(); it.hasNext(); ) {
        writer.writeBytes(keys[it.next()]);
      }
    }
  }

  /** {@code int64} values, or {@code double} values by their raw bits (as Parquet keys them). */
  static final class Longs extends DictionaryValuesWriter {
    private final boolean doubles;
    private long[] values = new long[64];
    private int size;
    /** Open addressing, at most half full: key and id + 1 side by side (id + 1 = 0 when empty). */
    private long[] slots = new long[2 * 128];

    Longs(int maxDictionaryByteSize, Encoding encoding, ByteBufferAllocator allocator, boolean doubles) {
      super(maxDictionaryByteSize, encoding, encoding, allocator);
      this.doubles = doubles;
    }

    @Override
    public void writeLong(long v) {
      encodedValues.add(id(v));
    }

    @Override
    public void writeDouble(double v) {
      encodedValues.add(id(Double.doubleToRawLongBits(v)));
    }

    private int id(long v) {
      long[] t = slots;
      int mask = (t.length >> 1) - 1;
      int i = spread(v) & mask;
      while (true) {
        long e = t[2 * i + 1];
        if (e == 0) {
          break;
        }
        if (t[2 * i] == v) {
          return (int) e - 1;
        }
        i = (i + 1) & mask;
      }
      int id = size++;
      if (id == values.length) {
        values = Arrays.copyOf(values, id * 2);
      }
      values[id] = v;
      t[2 * i] = v;
      t[2 * i + 1] = id + 1;
      dictionaryByteSize += 8;
      if (4 * size > t.length) { // more than half of the t.length / 2 slots in use
        rehash();
      }
      return id;
    }

    private void rehash() {
      long[] t = new long[slots.length * 2];
      int mask = (t.length >> 1) - 1;
      for (int id = 0; id < size; id++) {
        long v = values[id];
        int i = spread(v) & mask;
        while (t[2 * i + 1] != 0) {
          i = (i + 1) & mask;
        }
        t[2 * i] = v;
        t[2 * i + 1] = id + 1;
      }
      slots = t;
    }

    @Override
    public DictionaryPage toDictPageAndClose() {
      if (lastUsedDictionarySize > 0) {
        PlainValuesWriter encoder = new PlainValuesWriter(lastUsedDictionaryByteSize, maxDictionaryByteSize, allocator);
        for (int id = 0; id < lastUsedDictionarySize; id++) {
          if (doubles) {
            encoder.writeDouble(Double.longBitsToDouble(values[id]));
          } else {
            encoder.writeLong(values[id]);
          }
        }
        return dictPage(encoder);
      }
      return null;
    }

    @Override
    public int getDictionarySize() {
      return size;
    }

    @Override
    protected void clearDictionaryContent() {
      values = new long[64];
      slots = new long[2 * 128];
      size = 0;
    }

    @Override
    public void fallBackDictionaryEncodedData(ValuesWriter writer) {
      for (IntList.IntIterator it = encodedValues.iterator(); it.hasNext(); ) {
        long v = values[it.next()];
        if (doubles) {
          writer.writeDouble(Double.longBitsToDouble(v));
        } else {
          writer.writeLong(v);
        }
      }
    }
  }

  /** MurmurHash3's finalizer: every bit of the hash reaches the low bits that pick the slot. */
  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  /** MurmurHash3's 64-bit finalizer, folded to an int. */
  private static int spread(long v) {
    v ^= v >>> 33;
    v *= 0xFF51AFD7ED558CCDL;
    v ^= v >>> 33;
    v *= 0xC4CEB9FE1A85EC53L;
    v ^= v >>> 33;
    return (int) v;
  }
}

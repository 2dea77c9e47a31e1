package io.transmog.bench.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Records holding one large array: {@code id}, {@code name}, {@code created_at} and {@code items}, an array of 1,000
 * objects {@code {idx, sku, value, flag, label}} (about 75 KB a record). Tables {@code <name>} and {@code <name>_items}.
 */
final class LargeArrayWriter implements RecordWriter {
  /** Elements per array. */
  static final int ITEMS = 1000;

  private static final SerializableString ID = new SerializedString("id");
  private static final SerializableString NAME = new SerializedString("name");
  private static final SerializableString CREATED_AT = new SerializedString("created_at");
  private static final SerializableString ITEMS_FIELD = new SerializedString("items");
  private static final SerializableString IDX = new SerializedString("idx");
  private static final SerializableString SKU = new SerializedString("sku");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString FLAG = new SerializedString("flag");
  private static final SerializableString LABEL = new SerializedString("label");

  private final SplittableRandom r;
  private final String table;
  private final long[] rows = new long[2];
  private final Text text = new Text();
  private long clock = 1_672_531_200L;

  LargeArrayWriter(long seed, String table) {
    this.r = new SplittableRandom(seed);
    this.table = table;
  }

  @Override
  public List<String> tables() {
    return List.of(table, table + "_items");
  }

  @Override
  public long[] rows() {
    return rows;
  }

  @Override
  public void write(JsonGenerator g, long index) throws IOException {
    rows[0]++;
    rows[1] += ITEMS;
    g.writeStartObject();
    g.writeFieldName(ID);
    g.writeNumber(index);
    g.writeFieldName(NAME);
    g.writeString(Pools.PRODUCTS[r.nextInt(Pools.PRODUCTS.length)]);
    clock += 60 + r.nextInt(3600);
    g.writeFieldName(CREATED_AT);
    text.clear().isoInstant(clock);
    g.writeString(text.buf, 0, text.len);
    g.writeFieldName(ITEMS_FIELD);
    g.writeStartArray();
    for (int i = 0; i < ITEMS; i++) {
      g.writeStartObject();
      g.writeFieldName(IDX);
      g.writeNumber(i);
      g.writeFieldName(SKU);
      text.clear().append("SKU-").digits(r.nextInt(1_000_000), 6);
      g.writeString(text.buf, 0, text.len);
      g.writeFieldName(VALUE);
      text.clear().cents(r.nextInt(10_000_000));
      g.writeNumber(text.buf, 0, text.len);
      g.writeFieldName(FLAG);
      g.writeBoolean(r.nextInt(4) == 0);
      g.writeFieldName(LABEL);
      g.writeString(Pools.CATEGORY[r.nextInt(Pools.CATEGORY.length)]);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}

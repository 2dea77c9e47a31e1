package io.transmog.bench.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deep and wide records: {@code id}, {@code ts}, then four sections {@code s0..s3}, each a chain of 11 nested objects
 * ({@code s0 -> l3 -> l4 -> ... -> l12}, so the innermost object is at depth 12 counting the record as 1). Each level
 * holds 4 or 5 leaves {@code a} (string), {@code b} (integer), {@code c} (2-decimal number), {@code d} (boolean),
 * {@code e} (string, null 10%): 4 sections x 11 levels x 4.5 = about 200 leaf columns in one table. The innermost object
 * of {@code s0} also holds {@code events}, an array of 1–3 objects, so there is one child table with a long name.
 */
final class DeepWriter implements RecordWriter {
  static final int SECTIONS = 4;
  /** Objects per section chain: the section itself (depth 2) and levels 3..12. */
  static final int LEVELS = 11;

  private static final SerializableString ID = new SerializedString("id");
  private static final SerializableString TS = new SerializedString("ts");
  private static final SerializableString EVENTS = new SerializedString("events");
  private static final SerializableString KIND = new SerializedString("kind");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString[] LEAF = Pools.encoded("a", "b", "c", "d", "e");
  private static final SerializableString[] SECTION = Pools.encoded("s0", "s1", "s2", "s3");
  private static final SerializableString[] LEVEL = new SerializableString[13];
  private static final SerializableString[] WORDS = Pools.encoded(
      "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "μ", "νυ");

  static {
    for (int i = 3; i <= 12; i++) {
      LEVEL[i] = new SerializedString("l" + i);
    }
  }

  private final SplittableRandom r;
  private final String table;
  private final long[] rows = new long[2];
  private final Text text = new Text();
  private long clock = 1_672_531_200L;

  DeepWriter(long seed, String table) {
    this.r = new SplittableRandom(seed);
    this.table = table;
  }

  @Override
  public List<String> tables() {
    StringBuilder child = new StringBuilder(table).append("_s0");
    for (int i = 3; i <= 12; i++) {
      child.append("_l").append(i);
    }
    return List.of(table, child.append("_events").toString());
  }

  @Override
  public long[] rows() {
    return rows;
  }

  @Override
  public void write(JsonGenerator g, long index) throws IOException {
    rows[0]++;
    g.writeStartObject();
    g.writeFieldName(ID);
    g.writeNumber(index);
    clock += 1 + r.nextInt(30);
    g.writeFieldName(TS);
    text.clear().isoInstant(clock);
    g.writeString(text.buf, 0, text.len);
    for (int s = 0; s < SECTIONS; s++) {
      g.writeFieldName(SECTION[s]);
      level(g, s, 2);
    }
    g.writeEndObject();
  }

  private void level(JsonGenerator g, int section, int depth) throws IOException {
    g.writeStartObject();
    int leaves = (depth + section) % 2 == 0 ? 5 : 4;
    for (int i = 0; i < leaves; i++) {
      g.writeFieldName(LEAF[i]);
      switch (i) {
        case 0:
          g.writeString(WORDS[r.nextInt(WORDS.length)]);
          break;
        case 1:
          g.writeNumber(r.nextLong(1_000_000_000L));
          break;
        case 2:
          text.clear().cents(r.nextInt(1_000_000));
          g.writeNumber(text.buf, 0, text.len);
          break;
        case 3:
          g.writeBoolean(r.nextBoolean());
          break;
        default:
          if (r.nextInt(10) == 0) {
            g.writeNull();
          } else {
            g.writeString(WORDS[r.nextInt(WORDS.length)]);
          }
      }
    }
    if (depth < 12) {
      g.writeFieldName(LEVEL[depth + 1]);
      level(g, section, depth + 1);
    } else if (section == 0) {
      int n = 1 + r.nextInt(3);
      g.writeFieldName(EVENTS);
      g.writeStartArray();
      for (int i = 0; i < n; i++) {
        g.writeStartObject();
        g.writeFieldName(KIND);
        g.writeString(WORDS[r.nextInt(WORDS.length)]);
        g.writeFieldName(VALUE);
        g.writeNumber(r.nextInt(1000));
        g.writeEndObject();
      }
      g.writeEndArray();
      rows[1] += n;
    }
    g.writeEndObject();
  }
}

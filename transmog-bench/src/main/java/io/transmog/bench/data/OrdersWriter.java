package io.transmog.bench.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Orders as an online shop would export them. Every value comes from one seeded {@link SplittableRandom} drawn in a
 * fixed order, so a seed always gives the same bytes. Nullable fields are null (or absent) now and then: customer
 * e-mail about 5%, phone absent 10%, address null 3%, tags null 5%, payment null 2%, notes present 20%, an item's
 * discounts absent 40% / empty 10%.
 */
final class OrdersWriter implements RecordWriter {
  private static final SerializableString ID = new SerializedString("id");
  private static final SerializableString CREATED_AT = new SerializedString("created_at");
  private static final SerializableString STATUS = new SerializedString("status");
  private static final SerializableString CHANNEL = new SerializedString("channel");
  private static final SerializableString CURRENCY = new SerializedString("currency");
  private static final SerializableString CUSTOMER = new SerializedString("customer");
  private static final SerializableString NAME = new SerializedString("name");
  private static final SerializableString EMAIL = new SerializedString("email");
  private static final SerializableString PHONE = new SerializedString("phone");
  private static final SerializableString TIER = new SerializedString("loyalty_tier");
  private static final SerializableString ADDRESS = new SerializedString("address");
  private static final SerializableString STREET = new SerializedString("street");
  private static final SerializableString CITY = new SerializedString("city");
  private static final SerializableString ZIP = new SerializedString("zip");
  private static final SerializableString COUNTRY = new SerializedString("country");
  private static final SerializableString LINE_ITEMS = new SerializedString("line_items");
  private static final SerializableString SKU = new SerializedString("sku");
  private static final SerializableString CATEGORY = new SerializedString("category");
  private static final SerializableString QTY = new SerializedString("qty");
  private static final SerializableString UNIT_PRICE = new SerializedString("unit_price");
  private static final SerializableString DISCOUNTS = new SerializedString("discounts");
  private static final SerializableString CODE = new SerializedString("code");
  private static final SerializableString PCT = new SerializedString("pct");
  private static final SerializableString TAGS = new SerializedString("tags");
  private static final SerializableString PAYMENT = new SerializedString("payment");
  private static final SerializableString METHOD = new SerializedString("method");
  private static final SerializableString AMOUNT = new SerializedString("amount");
  private static final SerializableString CARD_LAST4 = new SerializedString("card_last4");
  private static final SerializableString NOTES = new SerializedString("notes");
  private static final SerializableString UPDATED_AT = new SerializedString("updated_at");
  private static final SerializableString SINCE = new SerializedString("customer_since");
  private static final SerializableString DESCRIPTION = new SerializedString("description");
  private static final SerializableString WEIGHT = new SerializedString("weight_kg");
  private static final SerializableString SHIPPING = new SerializedString("shipping");
  private static final SerializableString CARRIER = new SerializedString("carrier");
  private static final SerializableString COST = new SerializedString("cost");
  private static final SerializableString TRACKING = new SerializedString("tracking_number");

  /** 2023-01-01T00:00:00Z. */
  private static final long EPOCH_START = 1_672_531_200L;

  private final SplittableRandom r;
  private final String table;
  private final long[] rows = new long[3];
  private final Text text = new Text();
  private final int[] discountPct = new int[2];
  private long clock = EPOCH_START;

  OrdersWriter(long seed, String table) {
    this.r = new SplittableRandom(seed);
    this.table = table;
  }

  @Override
  public List<String> tables() {
    return List.of(table, table + "_line_items", table + "_line_items_discounts");
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
    g.writeNumber(10_000_000L + index);
    clock += 1 + r.nextInt(90);
    g.writeFieldName(CREATED_AT);
    text.clear().isoInstant(clock);
    g.writeString(text.buf, 0, text.len);
    g.writeFieldName(UPDATED_AT);
    text.clear().isoInstant(clock + r.nextInt(86_400 * 7));
    g.writeString(text.buf, 0, text.len);
    g.writeFieldName(STATUS);
    g.writeString(pick(Pools.STATUS));
    g.writeFieldName(CHANNEL);
    g.writeString(pick(Pools.CHANNEL));
    SerializableString currency = pick(Pools.CURRENCY);
    g.writeFieldName(CURRENCY);
    g.writeString(currency);

    customer(g);

    long totalCents = 0;
    g.writeFieldName(LINE_ITEMS);
    int items = 1 + r.nextInt(8);
    g.writeStartArray();
    for (int i = 0; i < items; i++) {
      totalCents += lineItem(g);
    }
    g.writeEndArray();
    rows[1] += items;

    g.writeFieldName(SHIPPING);
    g.writeStartObject();
    g.writeFieldName(METHOD);
    g.writeString(pick(Pools.SHIPPING));
    g.writeFieldName(CARRIER);
    g.writeString(pick(Pools.CARRIERS));
    g.writeFieldName(COST);
    text.clear().cents(r.nextInt(3) == 0 ? 0 : 299 + r.nextInt(1500));
    g.writeNumber(text.buf, 0, text.len);
    g.writeFieldName(TRACKING);
    text.clear().append("1Z").digits(r.nextLong(1_000_000_000_000L), 12).append("DE");
    g.writeString(text.buf, 0, text.len);
    g.writeEndObject();

    g.writeFieldName(TAGS);
    if (r.nextInt(100) < 5) {
      g.writeNull();
    } else {
      int tags = r.nextInt(5);
      g.writeStartArray();
      for (int i = 0; i < tags; i++) {
        g.writeString(pick(Pools.TAGS));
      }
      g.writeEndArray();
    }

    g.writeFieldName(PAYMENT);
    if (r.nextInt(100) < 2) {
      g.writeNull();
    } else {
      g.writeStartObject();
      SerializableString method = pick(Pools.PAYMENT);
      g.writeFieldName(METHOD);
      g.writeString(method);
      g.writeFieldName(AMOUNT);
      text.clear().cents(totalCents);
      g.writeNumber(text.buf, 0, text.len);
      g.writeFieldName(CURRENCY);
      g.writeString(currency);
      if (method == Pools.PAYMENT[0]) {
        g.writeFieldName(CARD_LAST4);
        text.clear().digits(r.nextInt(10_000), 4);
        g.writeString(text.buf, 0, text.len);
      }
      g.writeEndObject();
    }
    if (r.nextInt(100) < 20) {
      g.writeFieldName(NOTES);
      g.writeString(pick(Pools.NOTES));
    }
    g.writeEndObject();
  }

  private void customer(JsonGenerator g) throws IOException {
    g.writeFieldName(CUSTOMER);
    g.writeStartObject();
    g.writeFieldName(ID);
    g.writeNumber(1 + r.nextInt(2_000_000));
    int first = r.nextInt(Pools.FIRST.length);
    int last = r.nextInt(Pools.LAST.length);
    g.writeFieldName(NAME);
    text.clear().append(Pools.FIRST[first]).append(' ').append(Pools.LAST[last]);
    g.writeString(text.buf, 0, text.len);
    g.writeFieldName(EMAIL);
    if (r.nextInt(100) < 5) {
      g.writeNull();
    } else {
      text.clear().append(Pools.FIRST_ASCII[first]).append('.').append(Pools.LAST_ASCII[last])
          .number(r.nextInt(100)).append('@').append(Pools.DOMAINS[r.nextInt(Pools.DOMAINS.length)]);
      g.writeString(text.buf, 0, text.len);
    }
    if (r.nextInt(100) >= 10) {
      g.writeFieldName(PHONE);
      text.clear().append("+49 30 ").digits(r.nextInt(10_000_000), 7);
      g.writeString(text.buf, 0, text.len);
    }
    g.writeFieldName(TIER);
    g.writeString(pick(Pools.TIER));
    g.writeFieldName(SINCE);
    text.clear().isoInstant(EPOCH_START - 86_400L * r.nextInt(3000));
    g.writeString(text.buf, 0, 10);
    g.writeFieldName(ADDRESS);
    if (r.nextInt(100) < 3) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeFieldName(STREET);
      text.clear().number(1 + r.nextInt(250)).append(' ').append(Pools.STREETS[r.nextInt(Pools.STREETS.length)]);
      g.writeString(text.buf, 0, text.len);
      int city = r.nextInt(Pools.CITIES.length);
      g.writeFieldName(CITY);
      g.writeString(Pools.CITIES[city]);
      g.writeFieldName(ZIP);
      int digits = Pools.ZIP_DIGITS[city];
      text.clear().digits(r.nextLong(pow10(digits)), digits);
      g.writeString(text.buf, 0, text.len);
      g.writeFieldName(COUNTRY);
      g.writeString(Pools.COUNTRIES[city]);
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** Writes one line item and returns its total in cents after discounts. */
  private long lineItem(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeFieldName(SKU);
    text.clear().append("SKU-").digits(r.nextInt(1_000_000), 6);
    g.writeString(text.buf, 0, text.len);
    g.writeFieldName(NAME);
    g.writeString(pick(Pools.PRODUCTS));
    g.writeFieldName(DESCRIPTION);
    g.writeString(pick(Pools.DESCRIPTIONS));
    g.writeFieldName(CATEGORY);
    g.writeString(pick(Pools.CATEGORY));
    g.writeFieldName(WEIGHT);
    text.clear().number(r.nextInt(20)).append('.').digits(r.nextInt(1000), 3);
    g.writeNumber(text.buf, 0, text.len);
    int qty = 1 + r.nextInt(5);
    g.writeFieldName(QTY);
    g.writeNumber(qty);
    long priceCents = 99 + r.nextInt(49_900);
    g.writeFieldName(UNIT_PRICE);
    text.clear().cents(priceCents);
    g.writeNumber(text.buf, 0, text.len);
    long cents = qty * priceCents;
    int d = r.nextInt(100);
    if (d >= 40) {
      g.writeFieldName(DISCOUNTS);
      int n = d < 50 ? 0 : d < 85 ? 1 : 2;
      g.writeStartArray();
      for (int i = 0; i < n; i++) {
        g.writeStartObject();
        g.writeFieldName(CODE);
        g.writeString(pick(Pools.DISCOUNT_CODES));
        discountPct[i] = 5 + 5 * r.nextInt(8);
        g.writeFieldName(PCT);
        g.writeNumber(discountPct[i]);
        g.writeEndObject();
        cents = cents * (100 - discountPct[i]) / 100;
      }
      g.writeEndArray();
      rows[2] += n;
    }
    g.writeEndObject();
    return cents;
  }

  private SerializableString pick(SerializableString[] pool) {
    return pool[r.nextInt(pool.length)];
  }

  private static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }
}

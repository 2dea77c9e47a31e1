package io.transmog.core.internal.ids;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Random row IDs in the UUID version 7 layout (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter that keeps IDs
 * of one generator increasing within a millisecond, and 62 random bits, printed as the usual 36-character text.
 *
 * <p>Why not {@link java.util.UUID#randomUUID()}: it takes a lock-free but slow {@code SecureRandom} draw per ID.
 * Here {@code SecureRandom} seeds a {@link SplittableRandom} once per generator; each ID then costs one 64-bit draw and
 * 36 ASCII bytes written into a {@link RowId} (no String). IDs from different generators differ in their 62 random
 * bits (collision odds about {@code n^2 / 2^63} per millisecond). Time-ordered IDs also keep B-tree indexes and Parquet dictionaries happy.
 * One generator per flattening session; not thread-safe.
 */
public final class RandomIds {
  private final SplittableRandom random;
  private long lastMillis = -1;
  private int counter;

  /** Creates a generator seeded from {@link SecureRandom}. */
  public RandomIds() {
    this(new SecureRandom().nextLong());
  }

  /**
   * Creates a generator with a fixed seed (tests).
   *
   * @param seed the seed
   */
  public RandomIds(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Makes an ID into a row ID's bytes, reading the clock or not. Why not always: reading the clock cost more than
   * drawing the random bits, and the rows of one record are made within microseconds, so the engine reads it once per
   * record (for the main row) and its child rows take the same millisecond, still increasing through the counter.
   *
   * @param readClock whether to read the clock for this ID (it is read anyway for a generator's first ID)
   * @param out receives the ID
   */
  public void next(boolean readClock, RowId out) {
    format(readClock, out.buffer(UuidText.LENGTH));
  }

  private void format(boolean readClock, byte[] dst) {
    long now = readClock || lastMillis < 0 ? System.currentTimeMillis() : lastMillis;
    if (now > lastMillis) {
      lastMillis = now;
      counter = random.nextInt(1 << 11); // random start, room to count up
    } else {
      counter++;
      if (counter >= 1 << 12) {
        // more than ~2000 IDs in one millisecond: borrow the next millisecond, keeping order
        lastMillis++;
        counter = 0;
      }
    }
    long msb = (lastMillis << 16) | 0x7000L | counter;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    UuidText.write(msb, lsb, dst);
  }
}

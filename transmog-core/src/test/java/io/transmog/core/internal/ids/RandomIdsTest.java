package io.transmog.core.internal.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
  @Test
  void idsAreUniqueValidVersion7UuidsInIncreasingOrder() {
    RandomIds ids = new RandomIds();
    Set<String> seen = new HashSet<>();
    String prev = "";
    for (int i = 0; i < 200_000; i++) {
      String id = next(ids, true);
      assertThat(seen.add(id)).as("duplicate %s", id).isTrue();
      assertThat(id.compareTo(prev)).as("%s after %s", id, prev).isPositive();
      prev = id;
    }
    UUID u = UUID.fromString(prev);
    assertThat(u.version()).isEqualTo(7);
    assertThat(u.variant()).isEqualTo(2);
    assertThat(u.toString()).isEqualTo(prev);
  }

  @Test
  void twoGeneratorsDoNotCollide() {
    RandomIds a = new RandomIds();
    RandomIds b = new RandomIds();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      assertThat(seen.add(next(a, true))).isTrue();
      assertThat(seen.add(next(b, true))).isTrue();
    }
  }

  @Test
  void childIdsTakeTheRecordsMillisecondAndStillIncrease() {
    RandomIds ids = new RandomIds(5);
    long before = System.currentTimeMillis();
    String prev = next(ids, false); // no ID yet: the clock is read anyway
    assertThat(millis(prev)).isBetween(before, System.currentTimeMillis());
    for (int record = 0; record < 2_000; record++) {
      long t0 = System.currentTimeMillis();
      String root = next(ids, true);
      long t1 = System.currentTimeMillis();
      assertThat(millis(root)).isGreaterThanOrEqualTo(t0);
      assertThat(root.compareTo(prev)).isPositive();
      prev = root;
      for (int child = 0; child < 50; child++) {
        String id = next(ids, false);
        assertThat(id.compareTo(prev)).as("%s after %s", id, prev).isPositive();
        // the root's millisecond, or a later one borrowed after 4,096 IDs in one millisecond
        assertThat(millis(id)).isGreaterThanOrEqualTo(millis(root)).isLessThanOrEqualTo(Math.max(t1, millis(root)) + 1);
        UUID u = UUID.fromString(id);
        assertThat(u.version()).isEqualTo(7);
        assertThat(u.variant()).isEqualTo(2);
        prev = id;
      }
    }
  }

  private static String next(RandomIds ids, boolean readClock) {
    RowId out = new RowId();
    ids.next(readClock, out);
    return out.text();
  }

  private static long millis(String id) {
    return UUID.fromString(id).getMostSignificantBits() >>> 16;
  }
}

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
      String id = ids.next();
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
      assertThat(seen.add(a.next())).isTrue();
      assertThat(seen.add(b.next())).isTrue();
    }
  }
}

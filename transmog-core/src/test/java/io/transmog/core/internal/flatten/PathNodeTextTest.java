package io.transmog.core.internal.flatten;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-path text cache never returns a wrong value, and shares one String for a repeated short value. */
class PathNodeTextTest {
  private static String text(PathNode n, String s) {
    char[] buf = ("xx" + s + "yy").toCharArray(); // the parser's buffer holds more than the value
    return n.text(buf, 2, s.length());
  }

  @Test
  void repeatedShortValuesShareOneString() {
    PathNode n = new PathNode("status", "_");
    String a = text(n, "delivered");
    assertThat(text(n, "delivered")).isSameAs(a).isEqualTo("delivered");
    assertThat(text(n, "")).isEmpty();
    assertThat(text(n, "ä–ß")).isEqualTo("ä–ß");
  }

  @Test
  void everyValueComesBackEqualUnderCollisionsAndLongText() {
    PathNode n = new PathNode("v", "_");
    Random rnd = new Random(1);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < 100_000; i++) {
      int len = rnd.nextInt(60);
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < len; k++) {
        b.append((char) (rnd.nextBoolean() ? 'a' + rnd.nextInt(3) : 0x400 + rnd.nextInt(3)));
      }
      String s = b.toString();
      assertThat(text(n, s)).isEqualTo(s);
      seen.merge(s, 1, Integer::sum);
    }
    assertThat(seen.size()).isGreaterThan(1000); // the values did collide in 64 slots
  }
}

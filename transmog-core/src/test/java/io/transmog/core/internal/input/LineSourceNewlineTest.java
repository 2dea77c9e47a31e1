package io.transmog.core.internal.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time newline search finds exactly the first {@code \n}, at every alignment and near misses. */
class LineSourceNewlineTest {
  private static int naive(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Test
  void findsTheFirstNewlineLikeAByteLoop() {
    Random rnd = new Random(3);
    // bytes next to '\n' (0x0A) in value, and high bytes, are the ones a word trick could confuse
    byte[] alphabet = {0x09, 0x0B, 0x0A, 0x0A, 0x00, 0x01, (byte) 0x8A, (byte) 0xFF, 'a', '{', '"', 0x0D};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[rnd.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) ('a' + rnd.nextInt(26));
      }
      int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
      int to = from + rnd.nextInt(b.length - from + 1);
      assertThat(LineSource.newline(b, from, to)).as("round %d", round).isEqualTo(naive(b, from, to));
    }
  }

  @Test
  void noNewline_givesMinusOne() {
    byte[] b = "0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(LineSource.newline(b, 0, b.length)).isEqualTo(-1);
    assertThat(LineSource.newline(b, 5, 5)).isEqualTo(-1);
  }
}

package io.transmog.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void parse_decimalAndBinarySuffixes() {
    assertThat(Sizes.parse("1g")).isEqualTo(1_000_000_000L);
    assertThat(Sizes.parse("200MB")).isEqualTo(200_000_000L);
    assertThat(Sizes.parse("512k")).isEqualTo(512_000L);
    assertThat(Sizes.parse("1GiB")).isEqualTo(1L << 30);
    assertThat(Sizes.parse("1.5m")).isEqualTo(1_500_000L);
    assertThat(Sizes.parse("1234")).isEqualTo(1234L);
  }
}

package io.transmog.core.internal.flatten;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
  @ParameterizedTest(name = "{0} exact={1}")
  @CsvSource({
    "0.1, true",
    "-2.5e3, true",
    "0.0, true",
    "-0e10, true",
    "1.500000000000000000000, true",
    "0.30000000000000004, true",
    "123456789012345.6, true",
    "1.00000000000000000001, false",
    "0.1000000000000000055511151231257827, false",
    "1e400, false",
    "1e-400, false",
    "4.9e-324, true",
    "1.7976931348623157e308, true",
  })
  void isExactDouble(String text, boolean exact) {
    double v = Double.parseDouble(text);
    char[] chars = text.toCharArray();
    assertThat(Numbers.isExactDouble(v, chars, 0, chars.length)).isEqualTo(exact);
  }

  @ParameterizedTest(name = "{0} fits={1}")
  @CsvSource({"1, true", "-9223372036854775808, true", "9223372036854775807, true",
      "9223372036854775808, false", "-9223372036854775809, false", "123456789012345678901, false"})
  void fitsLong(String text, boolean fits) {
    assertThat(Numbers.fitsLong(text)).isEqualTo(fits);
  }
}

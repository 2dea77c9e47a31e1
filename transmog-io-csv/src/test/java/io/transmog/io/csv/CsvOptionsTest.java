package io.transmog.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.io.csv.CsvOptions.LineSeparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvOptionsTest {

  @Test
  void emptyOptionsGiveTheDocumentedDefaults() {
    CsvOptions options = CsvOptions.parse(FormatOptions.empty());

    assertThat(options).isEqualTo(CsvOptions.defaults());
    assertThat(options.delimiter()).isEqualTo(',');
    assertThat(options.header()).isTrue();
    assertThat(options.lineSeparator()).isEqualTo(LineSeparator.CRLF);
    assertThat(options.lineSeparator().chars()).isEqualTo("\r\n");
    assertThat(options.bom()).isFalse();
    assertThat(options.formulaGuard()).isFalse();
  }

  @Test
  void parsesEveryKey() {
    CsvOptions options = CsvOptions.parse(FormatOptions.of(Map.of(
        CsvOptions.DELIMITER, "tab",
        CsvOptions.HEADER, "false",
        CsvOptions.LINE_SEPARATOR, "LF",
        CsvOptions.BOM, "True",
        CsvOptions.FORMULA_GUARD, "true")));

    assertThat(options).isEqualTo(new CsvOptions('\t', false, LineSeparator.LF, true, true));
  }

  @Test
  void toFormatOptionsRoundTrips() {
    CsvOptions tab = new CsvOptions('\t', false, LineSeparator.LF, true, true);
    CsvOptions semicolon = new CsvOptions(';', true, LineSeparator.CRLF, false, false);

    assertThat(CsvOptions.parse(tab.toFormatOptions())).isEqualTo(tab);
    assertThat(CsvOptions.parse(semicolon.toFormatOptions())).isEqualTo(semicolon);
    assertThat(CsvOptions.defaults().toFormatOptions().keys()).containsExactlyInAnyOrderElementsOf(CsvOptions.KEYS);
  }

  @Test
  void unknownKeyNamesTheKeyAndTheAcceptedOnes() {
    assertThatThrownBy(() -> CsvOptions.parse(FormatOptions.of(Map.of("delimeter", ";"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("\"delimeter\"")
        .hasMessageContaining("delimiter, header, lineSeparator, bom, formulaGuard");
  }

  @Test
  void delimiterMustNotBeTheQuoteOrALineBreak() {
    for (char bad : new char[] {'"', '\r', '\n'}) {
      assertThatThrownBy(() -> new CsvOptions(bad, true, LineSeparator.CRLF, false, false))
          .isInstanceOf(TransmogConfigurationException.class)
          .hasMessageContaining("delimiter");
    }
  }

  @Test
  void badValuesNameOptionAndValue() {
    assertThatThrownBy(() -> CsvOptions.parse(FormatOptions.of(Map.of(CsvOptions.LINE_SEPARATOR, "cr"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("lineSeparator").hasMessageContaining("crlf or lf").hasMessageContaining("\"cr\"");
    assertThatThrownBy(() -> CsvOptions.parse(FormatOptions.of(Map.of(CsvOptions.BOM, "yes"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("bom").hasMessageContaining("\"yes\"");
    assertThatThrownBy(() -> CsvOptions.parse(FormatOptions.of(Map.of(CsvOptions.DELIMITER, "\""))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("delimiter").hasMessageContaining("quote");
  }
}

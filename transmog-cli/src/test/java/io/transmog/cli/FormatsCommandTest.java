package io.transmog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsCommandTest {

  @Test
  void listsTheBuiltInJsonLinesWriterAndTheCsvPlugin() {
    Cli.Result r = Cli.run("formats");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .containsPattern("(?m)^csv +\\S")
        .containsPattern("(?m)^jsonl +\\S")
        .contains("extensions: .csv")
        .contains("extensions: .jsonl");
  }

  @Test
  void showsTheOptionKeysOfEachWriter() {
    Cli.Result r = Cli.run("formats");

    // the csv block lists its keys, among them the delimiter and the formula-injection guard
    String csvBlock = r.out().substring(r.out().indexOf("csv "), r.out().indexOf("jsonl "));
    assertThat(csvBlock).contains("options:").contains("delimiter").containsIgnoringCase("formula");
  }
}

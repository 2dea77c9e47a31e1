package io.transmog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpTest {

  @Test
  void topLevelHelp_listsCommandsExitCodesAndExamples() {
    Cli.Result r = Cli.run("--help");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("Usage: transmog ")
        .contains("Turns large, deeply nested JSON into relational tables.")
        .contains("Commands:")
        .containsPattern("(?m)^  flatten +Flattens a JSON or JSON Lines file into tables\\.")
        .containsPattern("(?m)^  formats +Lists the output formats")
        .contains("Exit codes:")
        .containsPattern("(?m)^  0 +success")
        .containsPattern("(?m)^  1 +bad input data")
        .containsPattern("(?m)^  2 +usage or configuration error")
        .containsPattern("(?m)^  3 +I/O error")
        .contains("Examples:")
        .contains("transmog flatten orders.jsonl --name orders --out out");
  }

  @Test
  void flattenHelp_showsEveryOptionWithItsDefault() {
    Cli.Result r = Cli.run("flatten", "--help");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("Usage: transmog flatten [OPTIONS] INPUT")
        .contains("INPUT", "Output:", "Flattening:", "Generated columns:", "Exit codes:", "Examples:")
        .contains("--name=NAME", "--format=FORMAT", "--out=DIR", "--overwrite", "--option=KEY=VALUE",
            "--array-mode=MODE", "--separator=SEP", "--max-depth=N", "--include-nulls", "--stringify",
            "--input-format=FMT", "--chunk-size=N", "--low-memory", "--id-column=NAME",
            "--parent-id-column=NAME", "--timestamp-column=NAME", "--no-timestamp", "--debug", "--version")
        .containsPattern("smart,\\s+separate,\\s+inline,\\s+skip")
        .containsPattern("auto,\\s+json,\\s+jsonl")
        .contains("Default: data", "Default: csv", "Default: out", "Default: smart", "Default: _", "Default: 100",
            "Default: 1000", "Default: _id", "Default: _parent_id", "Default: _timestamp", "Default: auto")
        .contains("-O delimiter=';'")
        .doesNotContain("Default: false", "Default: []");
    // help reads well in an 80-column terminal
    assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
  }

  @Test
  void helpSubcommand_isTheSameAsDashDashHelp() {
    assertThat(Cli.run("help", "flatten").out()).isEqualTo(Cli.run("flatten", "--help").out());
  }

  @Test
  void formatsHelp_describesTheCommand() {
    Cli.Result r = Cli.run("formats", "-h");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Usage: transmog formats").contains("Lists the output formats", "-O KEY=VALUE");
  }

  @Test
  void version_namesTransmogAndJava() {
    Cli.Result r = Cli.run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("transmog ").contains("Java ");
    assertThat(r.out().lines().findFirst().orElseThrow()).doesNotContain("unknown", "${");
  }

  @Test
  void noCommand_isAUsageError() {
    Cli.Result r = Cli.run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("transmog: missing command").contains("Usage: transmog");
  }

  @Test
  void unknownCommand_isAUsageError() {
    Cli.Result r = Cli.run("flaten", "x.json");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("flaten").contains("Did you mean").contains("flatten");
  }
}

package io.transmog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every expected error: its exit code, a message that says what to do, and never a stack trace. */
class ErrorPathsTest {
  static final Path ORDERS = Cli.resource("orders.jsonl");

  @TempDir Path tmp;

  // --- 1: bad input data

  @Test
  void malformedJson_exits1_namingFileAndLine_withoutAStackTrace() throws IOException {
    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, "{\"a\": 1}\n{\"a\": 2,, \"b\": 3}\n{\"a\": 3}\n", StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", bad.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("transmog: malformed input: ").contains("bad.jsonl:2")
        .doesNotContain("Exception");
    assertNoStackTrace(r);
    assertThat(out).as("nothing is written for bad input").doesNotExist();
  }

  @Test
  void malformedJsonDocument_namesTheLine() throws IOException {
    Path bad = tmp.resolve("doc.json");
    Files.writeString(bad, "[\n  {\"a\": 1},\n  {\"a\": tru}\n]\n", StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("flatten", bad.toString(), "--out", tmp.resolve("out").toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("doc.json:3");
    assertNoStackTrace(r);
  }

  @Test
  void debug_addsTheStackTrace() throws IOException {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"a\": }", StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("flatten", bad.toString(), "--out", tmp.resolve("out").toString(), "--debug");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("MalformedInputException").contains("\tat ");
  }

  // --- 2: usage and configuration errors

  @Test
  void unknownFormat_exits2_namingTheAvailableFormats() {
    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--format", "xml", "--out", tmp.resolve("o").toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("\"xml\"").contains("csv").contains("jsonl");
    assertNoStackTrace(r);
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void unknownFormat_isReportedBeforeTheInputIsRead() {
    Cli.Result r = Cli.run("flatten", tmp.resolve("missing.json").toString(), "--format", "xml");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("xml");
  }

  @Test
  void unknownFormatOptionKey_exits2_namingTheAcceptedKeys() {
    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "-O", "delimitr=;", "--out", tmp.resolve("o").toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("\"delimitr\"").contains("csv").contains("delimiter");
    assertNoStackTrace(r);
  }

  @Test
  void formatOptionWithoutEquals_exits2() {
    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "-O", "delimiter", "--out", tmp.resolve("o").toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("key=value");
  }

  @Test
  void badFormatOptionValue_exits2() {
    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "-O", "delimiter=;;", "--out",
        tmp.resolve("o").toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("delimiter");
    assertNoStackTrace(r);
    assertThat(tmp.resolve("o")).as("no empty output directory is left behind").doesNotExist();
  }

  @Test
  void unknownOption_exits2_withAHint() {
    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--nmae", "x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("transmog: Unknown option").contains("'--nmae'")
        .contains("Try 'transmog flatten --help'");
  }

  @Test
  void missingInputArgument_exits2() {
    Cli.Result r = Cli.run("flatten");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("INPUT");
  }

  @Test
  void badArrayMode_exits2_listingTheModes() {
    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--array-mode", "flat");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--array-mode").contains("smart, separate, inline, skip").contains("'flat'");
  }

  @Test
  void badInputFormat_exits2() {
    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--input-format", "xml");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("auto, json, jsonl");
  }

  @Test
  void badNumbers_exit2_namingTheOption() {
    Cli.Result zero = Cli.run("flatten", ORDERS.toString(), "--max-depth", "0");
    Cli.Result text = Cli.run("flatten", ORDERS.toString(), "--chunk-size", "many");
    Cli.Result negative = Cli.run("flatten", ORDERS.toString(), "--chunk-size", "-5");

    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--max-depth").contains("at least 1");
    assertThat(text.exitCode()).isEqualTo(2);
    assertThat(text.err()).contains("--chunk-size").contains("many");
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err()).contains("--chunk-size");
  }

  @Test
  void badNames_exit2() {
    Cli.Result slash = Cli.run("flatten", ORDERS.toString(), "--name", "a/b");
    Cli.Result same = Cli.run("flatten", ORDERS.toString(), "--id-column", "id", "--parent-id-column", "id");

    assertThat(slash.exitCode()).isEqualTo(2);
    assertThat(slash.err()).contains("--name").contains("a/b");
    assertThat(same.exitCode()).isEqualTo(2);
    assertThat(same.err()).contains("must have distinct names");
  }

  // --- 3: I/O errors

  @Test
  void missingInputFile_exits3() {
    Path missing = tmp.resolve("nope.json");

    Cli.Result r = Cli.run("flatten", missing.toString(), "--out", tmp.resolve("o").toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("transmog: input file not found: " + missing + System.lineSeparator());
  }

  @Test
  void inputDirectory_exits3() {
    Cli.Result r = Cli.run("flatten", tmp.toString(), "--out", tmp.resolve("o").toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("is a directory");
  }

  @Test
  void nonEmptyOutputDirectory_isRefused_thenAcceptedWithOverwrite() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path mine = Files.writeString(out.resolve("notes.txt"), "keep me", StandardCharsets.UTF_8);

    Cli.Result refused = Cli.run("flatten", ORDERS.toString(), "--out", out.toString());

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
    assertThat(refused.err()).contains(out.toString()).contains("not empty").contains("--overwrite");
    assertThat(FlattenCommandTest.fileNames(out)).containsExactly("notes.txt");

    Cli.Result accepted = Cli.run("flatten", ORDERS.toString(), "--out", out.toString(), "--overwrite");

    assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
    assertThat(FlattenCommandTest.fileNames(out)).contains("data.csv", "data_items.csv", "notes.txt");
    assertThat(Files.readString(mine, StandardCharsets.UTF_8)).as("other files are left alone").isEqualTo("keep me");

    Cli.Result again = Cli.run("flatten", ORDERS.toString(), "--out", out.toString(), "--overwrite");
    assertThat(again.exitCode()).as("files of the same names are replaced").isZero();
  }

  @Test
  void emptyOutputDirectory_isUsedWithoutOverwrite() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("empty"));

    assertThat(Cli.run("flatten", ORDERS.toString(), "--out", out.toString()).exitCode()).isZero();
  }

  @Test
  void outputPathThatIsAFile_exits3() throws IOException {
    Path file = Files.writeString(tmp.resolve("file.txt"), "x", StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--out", file.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("not a directory").contains(file.toString());
  }

  @Test
  void unwritableOutput_exits3_beforeTheInputIsRead() throws IOException {
    // a directory below a regular file can never be created, even by root
    Path file = Files.writeString(tmp.resolve("file.txt"), "x", StandardCharsets.UTF_8);
    Path out = file.resolve("sub");
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{", StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("flatten", bad.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("transmog: cannot create output directory " + out + ": " + file
        + " is not a directory" + System.lineSeparator());
  }

  // --- 4: unexpected errors

  @Test
  void unexpectedError_printsOneLineAndTheDebugHint() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
    CommandLine.ParseResult parsed = cl.parseArgs("formats");

    int code = new ErrorHandler().handleExecutionException(new IllegalStateException("boom"), cl, parsed);

    assertThat(code).isEqualTo(4);
    assertThat(err.toString()).isEqualTo("transmog: unexpected error: java.lang.IllegalStateException: boom"
        + System.lineSeparator() + "(run with --debug for the stack trace)" + System.lineSeparator());
  }

  @Test
  void unexpectedError_withDebug_printsTheStackTrace() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
    CommandLine.ParseResult parsed = cl.parseArgs("formats", "--debug");

    int code = new ErrorHandler().handleExecutionException(new IllegalStateException("boom"), cl, parsed);

    assertThat(code).isEqualTo(4);
    assertThat(err.toString()).contains("IllegalStateException: boom").contains("\tat ")
        .doesNotContain("run with --debug");
  }

  @Test
  void outOfMemory_pointsAtJavaOpts() {
    StringWriter err = new StringWriter();

    int code = ErrorHandler.handleError(new OutOfMemoryError("Java heap space"), new PrintWriter(err), false);

    assertThat(code).isEqualTo(4);
    assertThat(err.toString()).contains("out of memory").contains("JAVA_OPTS").contains("--debug");
  }

  static void assertNoStackTrace(Cli.Result r) {
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Caused by");
    assertThat(r.err().lines().count()).as(r.err()).isLessThanOrEqualTo(2);
  }
}

package io.transmog.example.classpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.Table;
import io.transmog.core.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final List<String> TABLES =
      List.of("orders", "orders_line_items", "orders_line_items_discounts");
  private static final Map<String, Long> ROWS =
      Map.of("orders", 3L, "orders_line_items", 3L, "orders_line_items_discounts", 3L);

  @TempDir Path tmp;

  @Test
  void runsOnTheClassPath() {
    assertThat(Main.class.getModule().isNamed()).as("a plain class-path application").isFalse();
  }

  @Test
  void flattensInMemory() {
    Main.Report r = Main.run(tmp);
    assertThat(r.inMemory().tableNames()).containsExactlyElementsOf(TABLES);
    for (Table t : r.inMemory().tables()) {
      assertThat((long) t.rowCount()).as(t.name()).isEqualTo(ROWS.get(t.name()));
    }
    Table orders = r.inMemory().main();
    assertThat(orders.column("order_id")).containsExactly("A-1001", "A-1002", "A-1003");
    assertThat(orders.column("customer_address_city")).containsExactly("London", "Wilmslow", "Arlington");
    assertThat(r.inMemory().table("orders_line_items_discounts").orElseThrow().column("code"))
        .containsExactly("SPRING", "LOYAL", "VIP");
  }

  @Test
  void streamsToCsv() throws IOException {
    StreamResult csv = Main.run(tmp).csv();
    assertRun(csv, tmp.resolve("csv"), "csv");
    for (StreamResult.TableSummary t : csv.tables()) {
      List<String> lines = Files.readAllLines(t.files().get(0).path(), StandardCharsets.UTF_8);
      assertThat(lines).as(t.name() + ": a header and one line a row").hasSize((int) t.rows() + 1);
      assertThat(lines.get(0).split(",")).contains("_id");
    }
    assertThat(Files.readString(tmp.resolve("csv/orders.csv"))).contains("A-1001", "Ada Lovelace", "59.97");
  }

  @Test
  void streamsToParquet() throws IOException {
    StreamResult parquet = Main.run(tmp).parquet();
    assertRun(parquet, tmp.resolve("parquet"), "parquet");
    for (StreamResult.TableSummary t : parquet.tables()) {
      Path file = t.files().get(0).path();
      byte[] bytes = Files.readAllBytes(file);
      assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
      assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
      // the footer (Thrift), decoded with parquet-format-structures, a transitive dependency of transmog-io-parquet;
      // Parquet's ParquetFileReader would need Hadoop on the class path, which this application does not have
      int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      FileMetaData footer = Util.readFileMetaData(
          new ByteArrayInputStream(bytes, bytes.length - 8 - footerLength, footerLength));
      assertThat(footer.getNum_rows()).as(t.name()).isEqualTo(t.rows());
      assertThat(footer.getSchema().subList(1, footer.getSchema().size()))
          .extracting(SchemaElement::getName)
          .containsExactlyElementsOf(t.columns().stream().map(c -> c.name()).collect(Collectors.toList()));
    }
  }

  @Test
  void mainPrintsTablesAndRowCounts() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Main.run(tmp).print(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("orders: 3 rows", "orders_line_items: 3 rows",
        "orders_line_items_discounts: 3 rows", "-> orders.csv", "-> orders_line_items_discounts.parquet");
    // main() itself, into a directory of our choosing
    Path out = tmp.resolve("main");
    Main.main(new String[] {out.toString()});
    assertThat(files(out.resolve("csv"))).containsExactly("_transmog_manifest.json", "orders.csv",
        "orders_line_items.csv", "orders_line_items_discounts.csv");
    assertThat(files(out.resolve("parquet"))).containsExactly("_transmog_manifest.json", "orders.parquet",
        "orders_line_items.parquet", "orders_line_items_discounts.parquet");
  }

  private static void assertRun(StreamResult r, Path dir, String ext) throws IOException {
    assertThat(r.records()).isEqualTo(3);
    assertThat(r.rejected()).isZero();
    assertThat(r.tables()).extracting(StreamResult.TableSummary::name).containsExactlyElementsOf(TABLES);
    for (StreamResult.TableSummary t : r.tables()) {
      assertThat(t.rows()).as(t.name()).isEqualTo(ROWS.get(t.name()));
      assertThat(t.files()).hasSize(1);
      assertThat(t.files().get(0).path()).isEqualTo(dir.resolve(t.name() + "." + ext)).isRegularFile();
    }
    assertThat(r.manifest()).isEqualTo(dir.resolve("_transmog_manifest.json")).isRegularFile();
    assertThat(files(dir)).hasSize(TABLES.size() + 1); // nothing else: no staging directory, no temporary file
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}

package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.WriterException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.RowBatch;
import io.transmog.core.internal.input.Parsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlattenResultSaveTest {
  @TempDir Path dir;

  private final FlattenResult result = Transmog.flatten(
      "{\"id\":1,\"price\":9.5,\"ok\":true,\"tags\":[\"a\"],\"items\":[{\"sku\":\"A\"},{\"sku\":\"B\"}]}\n{\"id\":2}",
      TransmogOptions.builder().name("orders").build());

  @Test
  void jsonLinesRoundTripKeepsTypes() throws IOException {
    List<Path> files = result.save(dir, "jsonl");
    assertThat(files).containsExactly(dir.resolve("orders.jsonl"), dir.resolve("orders_items.jsonl"));
    List<Map<String, Object>> rows = readJsonLines(dir.resolve("orders.jsonl"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("id", 1L).containsEntry("price", 9.5).containsEntry("ok", true)
        .containsEntry("tags", "[\"a\"]");
    assertThat(rows.get(1)).containsEntry("id", 2L).doesNotContainKey("price");
    List<Map<String, Object>> items = readJsonLines(dir.resolve("orders_items.jsonl"));
    assertThat(items).extracting(m -> m.get("_parent_id")).containsOnly(rows.get(0).get("_id"));
    assertThat(listDir()).containsExactlyInAnyOrder("orders.jsonl", "orders_items.jsonl");
  }

  @Test
  void unknownFormatOptionIsRefusedNamingAcceptedKeys() {
    assertThatThrownBy(() -> result.save(dir, "jsonl", FormatOptions.of(Map.of("delimter", ";")),
            WriterRegistry.discover()))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("\"delimter\"")
        .hasMessageContaining("nulls");
    assertThat(listDir()).isEmpty();
  }

  @Test
  void unwritableDirectoryIsAWriterError() throws IOException {
    Path file = dir.resolve("file");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> result.save(file.resolve("sub"), "jsonl"))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining(file.resolve("sub").toString());
  }

  @Test
  void aFailingTableLeavesNoFileBehind() {
    TableWriterProvider failing = new FailOnSecondTable();
    WriterRegistry reg = WriterRegistry.builder().register(failing).build();
    assertThatThrownBy(() -> result.save(dir, "failing", FormatOptions.empty(), reg))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("orders_items");
    assertThat(listDir()).isEmpty();
  }

  private List<String> listDir() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Map<String, Object>> readJsonLines(Path f) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (JsonParser p = Parsers.FACTORY.createParser(f.toFile())) {
      while (p.nextToken() == JsonToken.START_OBJECT) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken t = p.nextToken();
          if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
            StringBuilder sb = new StringBuilder();
            int depth = 0;
            do {
              sb.append(t == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText());
              if (t.isStructStart()) {
                depth++;
              } else if (t.isStructEnd()) {
                depth--;
              }
              if (depth > 0) {
                t = p.nextToken();
              }
            } while (depth > 0);
            row.put(name, sb.toString());
          } else if (t == JsonToken.VALUE_NUMBER_INT) {
            row.put(name, p.getLongValue());
          } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            row.put(name, p.getDoubleValue());
          } else if (t.isBoolean()) {
            row.put(name, p.getBooleanValue());
          } else {
            row.put(name, p.getText());
          }
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Writes through to the JSON Lines writer, but fails when asked to write the second table. */
  static final class FailOnSecondTable implements TableWriterProvider {
    private int opened;

    @Override
    public String format() {
      return "failing";
    }

    @Override
    public Set<String> fileExtensions() {
      return Set.of("jsonl");
    }

    @Override
    public TableWriter open(WriterContext context) {
      TableWriter inner = WriterRegistry.builder().build().provider("jsonl").open(context);
      boolean fail = ++opened == 2;
      return new TableWriter() {
        @Override
        public void write(RowBatch batch) {
          if (fail) {
            throw new WriterException("simulated disk full writing table " + batch.schema().table());
          }
          inner.write(batch);
        }

        @Override
        public void close() {
          inner.close();
        }

        @Override
        public void abort() {
          inner.abort();
        }
      };
    }
  }
}

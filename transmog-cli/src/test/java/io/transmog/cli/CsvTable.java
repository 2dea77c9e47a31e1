package io.transmog.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file read back with Apache Commons CSV: its header and its rows, every row as wide as the header. */
record CsvTable(String name, List<String> header, List<List<String>> rows) {

  static CsvTable read(Path file) {
    String fileName = file.getFileName().toString();
    String name = fileName.substring(0, fileName.length() - ".csv".length());
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180)) {
      List<String> header = null;
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        List<String> row = r.toList();
        if (header == null) {
          header = List.copyOf(row);
          continue;
        }
        if (row.size() != header.size()) {
          throw new AssertionError(file + " record " + r.getRecordNumber() + " has " + row.size()
              + " fields but the header has " + header.size());
        }
        rows.add(row);
      }
      if (header == null) {
        throw new AssertionError(file + " has no header row");
      }
      return new CsvTable(name, header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every {@code *.csv} file of a directory, by table name. */
  static Map<String, CsvTable> readAll(Path dir) {
    Map<String, CsvTable> tables = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".csv"))
          .forEach(f -> {
            CsvTable t = read(f);
            tables.put(t.name(), t);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }

  int column(String columnName) {
    return header.indexOf(columnName);
  }

  List<String> column(int index) {
    List<String> values = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      values.add(row.get(index));
    }
    return values;
  }

  List<String> values(String columnName) {
    int i = column(columnName);
    if (i < 0) {
      throw new AssertionError("table " + name + " has no column " + columnName + "; it has " + header);
    }
    return column(i);
  }
}

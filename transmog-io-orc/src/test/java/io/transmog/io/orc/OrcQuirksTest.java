package io.transmog.io.orc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour of ORC Java itself that the writer works around, pinned so that a fixed ORC version is noticed (the test
 * then fails and the workaround can go).
 */
class OrcQuirksTest {
  @TempDir Path dir;

  @Test
  void orcJava_shiftsTimestampsInTheSecondBeforeTheEpoch() throws Exception {
    TypeDescription type = TypeDescription.fromString("struct<t:timestamp with local time zone>");
    Path file = dir.resolve("quirk.orc");
    Configuration conf = new Configuration(false);
    List<Instant> values = List.of(
        Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("1969-12-31T23:59:59.001Z"),
        Instant.parse("1969-12-31T23:59:59.000999Z"),
        Instant.parse("1969-12-31T23:59:58.500000Z"),
        Instant.parse("1969-12-31T23:59:59Z"));
    try (Writer w = OrcFile.createWriter(new org.apache.hadoop.fs.Path(file.toUri()),
        OrcFile.writerOptions(conf).setSchema(type).setProlepticGregorian(true))) {
      VectorizedRowBatch b = type.createRowBatch();
      TimestampColumnVector v = (TimestampColumnVector) b.cols[0];
      v.changeCalendar(true, false);
      for (Instant i : values) {
        v.time[b.size] = i.toEpochMilli();
        v.nanos[b.size] = i.getNano();
        b.size++;
      }
      w.addRowBatch(b);
    }
    List<List<Object>> rows = OrcFiles.rows(file);
    // an instant whose epoch milliseconds are -999 to -1 comes back one second late: ORC Java stores the seconds
    // truncated towards zero (0 here), and its reader subtracts the second again only from a negative result ...
    assertThat(rows.get(0).get(0)).isEqualTo(Instant.parse("1970-01-01T00:00:00.999999Z"));
    assertThat(rows.get(1).get(0)).isEqualTo(Instant.parse("1970-01-01T00:00:00.001Z"));
    // ... while every other instant, before or after, is exact
    for (int i = 2; i < values.size(); i++) {
      assertThat(rows.get(i).get(0)).as(values.get(i).toString()).isEqualTo(values.get(i));
    }
  }
}

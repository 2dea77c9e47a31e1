package io.transmog.io.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import io.transmog.io.parquet.ParquetOptions;
import io.transmog.io.tck.TestBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open writers share one row-group budget equally, within their bounds, and a writer follows its share. */
class RowGroupBudgetTest {
  private static final long MIB = 1024L * 1024;

  @TempDir Path dir;

  @Test
  void openWritersShareTheBudgetEquallyWithinTheirBounds() {
    RowGroupBudget budget = new RowGroupBudget(64 * MIB);
    RowGroupBudget.Share a = budget.join(128 * MIB);
    assertThat(a.getAsLong()).isEqualTo(64 * MIB);
    RowGroupBudget.Share b = budget.join(128 * MIB);
    assertThat(a.getAsLong()).isEqualTo(32 * MIB);
    assertThat(b.getAsLong()).isEqualTo(32 * MIB);
    RowGroupBudget.Share capped = budget.join(4 * MIB);
    assertThat(capped.getAsLong()).as("never above its cap").isEqualTo(4 * MIB);
    List<RowGroupBudget.Share> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(budget.join(128 * MIB));
    }
    assertThat(a.getAsLong()).as("never below 1 MiB").isEqualTo(RowGroupBudget.MIN_BYTES);
    many.forEach(RowGroupBudget.Share::release);
    b.release();
    b.release(); // idempotent: counted out once
    capped.release();
    assertThat(budget.openWriters()).isEqualTo(1);
    assertThat(a.getAsLong()).isEqualTo(64 * MIB);
  }

  @Test
  void aWriterCutsSmallerRowGroupsWhileOtherWritersAreOpen() throws IOException {
    RowGroupBudget budget = new RowGroupBudget(4 * MIB);
    int alone = rowGroupsOfTenMegabytes(budget, dir.resolve("alone.parquet"));
    List<RowGroupBudget.Share> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(budget.join(ParquetOptions.DEFAULT_ROW_GROUP_SIZE)); // three more tables being written
    }
    int shared = rowGroupsOfTenMegabytes(budget, dir.resolve("shared.parquet"));
    others.forEach(RowGroupBudget.Share::release);
    assertThat(shared).as("1 MiB shares instead of 4 MiB").isGreaterThanOrEqualTo(alone + 2);
    assertThat(budget.openWriters()).as("closed writers are counted out").isZero();
  }

  /** Writes about 10 MB of incompressible-ish text in one column and returns the file's number of row groups. */
  private static int rowGroupsOfTenMegabytes(RowGroupBudget budget, Path target) throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING, 0, 0)));
    Random rnd = new Random(5);
    try (ParquetTableWriter w = ParquetTableWriter.open(schema, target, ParquetOptions.defaults(), budget)) {
      for (int batch = 0; batch < 80; batch++) {
        TestBatch.Builder b = TestBatch.builder(schema);
        for (int r = 0; r < 2000; r++) {
          b.row(Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong())
              + Long.toHexString(rnd.nextLong()));
        }
        w.write(b.build());
      }
    }
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(target))) {
      return reader.getFooter().getBlocks().size();
    }
  }
}

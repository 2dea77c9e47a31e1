package io.transmog.spark;

import io.transmog.api.table.TableSchema;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One table of a Spark flattening run: its name, its parent table, its schema in the core's types and in Spark's, and
 * its rows as a lazy {@code Dataset<Row>}. Each evaluation of {@link #rows()} flattens the input again (converting
 * only this table's rows) unless the result was persisted ({@link SparkFlattenResult#persist}). Immutable.
 */
public final class SparkTable {
  private final TableSchema schema;
  private final StructType sparkSchema;
  private final Dataset<Row> rows;
  private final long rowCount;

  SparkTable(TableSchema schema, StructType sparkSchema, Dataset<Row> rows, long rowCount) {
    this.schema = Objects.requireNonNull(schema, "schema must not be null");
    this.sparkSchema = Objects.requireNonNull(sparkSchema, "sparkSchema must not be null");
    this.rows = Objects.requireNonNull(rows, "rows must not be null");
    this.rowCount = rowCount;
  }

  /** @return the table's name, e.g. {@code orders_line_items} */
  public String name() {
    return schema.table();
  }

  /** @return the parent table's name; empty for the main table */
  public Optional<String> parent() {
    return schema.parent();
  }

  /**
   * @return the columns with the core's types ({@code JSON} and {@code STRING} apart, {@code DECIMAL} precision and
   *     scale), as the single-machine engine would report them for the whole input
   */
  public TableSchema schema() {
    return schema;
  }

  /** @return the Spark schema of {@link #rows()} (see the type mapping in {@code docs/spark.md}) */
  public StructType sparkSchema() {
    return sparkSchema;
  }

  /** @return the rows; lazy, as every Dataset */
  public Dataset<Row> rows() {
    return rows;
  }

  /** @return the number of rows, known without a Spark job when the schema inference read the whole input */
  public OptionalLong rowCount() {
    return rowCount < 0 ? OptionalLong.empty() : OptionalLong.of(rowCount);
  }

  @Override
  public String toString() {
    return "SparkTable[" + name() + ", " + schema.columns().size() + " columns]";
  }
}

package io.transmog.spark.internal;

import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.SplitResult;
import io.transmog.core.Transmog;
import io.transmog.spark.TransmogOptionsFactory;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * The code that runs in the executors, one class per Spark function: the inference pass ({@link ProfileFiles},
 * {@link ProfileTexts}) and the conversion pass ({@link ConvertFiles}, {@link ConvertTexts}), for file parts and for
 * the partitions of a {@code Dataset<String>}.
 *
 * <p>Memory: the core hands its output over by callback, a whole core run at a time, so the conversion pass cuts its
 * partition into sub-runs ({@link #SUB_RUN} bytes of a file or characters of JSON texts by default) and keeps one
 * sub-run's converted rows at a time; no thread is started, and Spark's own iterators are read on the task's thread.
 */
public final class Tasks {
  /** Default bytes of a file split (characters of JSON texts) flattened per core run in the conversion pass. */
  public static final long SUB_RUN = 4L << 20;
  /** The largest sub-range of a sampled split. */
  static final long SUB_RANGE_BYTES = SUB_RUN;
  /** The first sub-range of a sampled split; each next one doubles, up to {@link #SUB_RANGE_BYTES}. */
  static final long FIRST_SAMPLE_BYTES = 64L << 10;

  private Tasks() {}

  // ---- inference ----------------------------------------------------------------------------------------------

  /**
   * The options of the inference pass: content-hash and location IDs make no difference to tables, columns, types or
   * rejects, but the content hash costs a canonical copy of every record; random IDs (about 40 ns each) stand in.
   * Natural keys stay: a duplicate key rejects its record.
   */
  static TransmogOptions forInference(TransmogOptions o) {
    IdStrategy ids = o.idStrategy();
    if (ids instanceof IdStrategy.Deterministic || ids instanceof IdStrategy.ByLocation) {
      return o.toBuilder().idStrategy(IdStrategy.random()).build();
    }
    return o;
  }

  /** Profiles file parts; one profile per partition. */
  public static final class ProfileFiles
      implements Function2<Integer, Iterator<InputPart>, Iterator<PartitionProfile>> {
    private static final long serialVersionUID = 1L;
    private final TransmogOptionsFactory options;
    private final long sample;

    /**
     * @param options makes the options on the executor
     * @param sample records to read per partition, or 0 for all
     */
    public ProfileFiles(TransmogOptionsFactory options, long sample) {
      this.options = options;
      this.sample = sample;
    }

    @Override
    public Iterator<PartitionProfile> call(Integer partition, Iterator<InputPart> parts) {
      TransmogOptions o = forInference(options.create());
      PartitionProfile profile = new PartitionProfile(partition);
      while (parts.hasNext()) {
        InputPart part = parts.next();
        if (part.whole) {
          FlattenResult r = Transmog.flatten(part.path(), o);
          for (Table t : r.tables()) {
            profile.addTable(t, 0, t.rowCount());
          }
          profile.records += r.main().rowCount();
          profile.rejected += r.rejects().size();
          profile.bytes += size(part);
        } else if (sample <= 0) {
          SplitResult s = Transmog.flattenSplit(part.path(), part.start, part.end, o, profile::add);
          profile.records += s.records();
          profile.rejected += s.rejected();
          profile.bytes += s.bytesRead();
        } else {
          long seen = 0;
          long from = part.start;
          long step = FIRST_SAMPLE_BYTES;
          while (seen < sample && from < part.end) {
            long to = Math.min(part.end, from + step);
            SplitResult s = Transmog.flattenSplit(part.path(), from, to, o, profile::add);
            seen += s.records() + s.rejected();
            profile.records += s.records();
            profile.rejected += s.rejected();
            profile.bytes += s.bytesRead();
            from = to;
            step = Math.min(SUB_RANGE_BYTES, step * 2);
          }
          profile.sampled = from < part.end;
        }
      }
      return Collections.singletonList(profile).iterator();
    }

    private static long size(InputPart part) {
      try {
        return Files.size(part.path());
      } catch (java.io.IOException e) {
        return part.end;
      }
    }
  }

  /** Profiles the partitions of a Dataset of JSON texts; also counts every partition's texts exactly. */
  public static final class ProfileTexts implements Function2<Integer, Iterator<String>, Iterator<PartitionProfile>> {
    private static final long serialVersionUID = 1L;
    private final TransmogOptionsFactory options;
    private final long sample;
    private final String source;

    /**
     * @param options makes the options on the executor
     * @param sample records to read per partition, or 0 for all
     * @param source the input's name in messages
     */
    public ProfileTexts(TransmogOptionsFactory options, long sample, String source) {
      this.options = options;
      this.sample = sample;
      this.source = source;
    }

    @Override
    public Iterator<PartitionProfile> call(Integer partition, Iterator<String> texts) {
      TransmogOptions o = forInference(options.create());
      PartitionProfile profile = new PartitionProfile(partition);
      Counting counting = new Counting(texts, sample <= 0 ? Long.MAX_VALUE : sample);
      // record numbers here count from the partition's start (the partitions before are not counted yet): the source
      // name says so in any error message; the conversion pass numbers records as a whole-input run does
      SplitResult s = Transmog.flattenJson(counting, source + " partition " + partition, 0, o, profile::add);
      profile.records = s.records();
      profile.rejected = s.rejected();
      long count = counting.count;
      while (texts.hasNext()) {
        texts.next();
        count++;
      }
      profile.sampled = count > counting.count;
      profile.elements = count;
      return Collections.singletonList(profile).iterator();
    }
  }

  /** Counts the elements it hands out, up to a limit. */
  static final class Counting implements Iterator<String> {
    private final Iterator<String> in;
    private final long limit;
    long count;

    Counting(Iterator<String> in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public boolean hasNext() {
      return count < limit && in.hasNext();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      count++;
      return in.next();
    }
  }

  // ---- conversion ---------------------------------------------------------------------------------------------

  /** Flattens file parts again and converts them to the agreed layout. */
  public static final class ConvertFiles implements Function2<Integer, Iterator<InputPart>, Iterator<TableChunk>> {
    private static final long serialVersionUID = 1L;
    private final TransmogOptionsFactory options;
    private final Broadcast<Layout> layout;
    private final long subRun;

    /**
     * @param options makes the options on the executor
     * @param layout the agreed layout
     * @param subRun bytes of a split per core run
     */
    public ConvertFiles(TransmogOptionsFactory options, Broadcast<Layout> layout, long subRun) {
      this.options = options;
      this.layout = layout;
      this.subRun = subRun;
    }

    @Override
    public Iterator<TableChunk> call(Integer partition, Iterator<InputPart> parts) {
      TransmogOptions o = options.create();
      ChunkConverter converter = new ChunkConverter(layout.value(), partition);
      return new SubRuns() {
        private InputPart part;
        private long from;

        @Override
        boolean run(List<TableChunk> out) {
          while (true) {
            if (part == null) {
              if (!parts.hasNext()) {
                return false;
              }
              part = parts.next();
              from = part.start;
              if (part.whole) {
                wholeFile(part, o, converter, out);
                part = null;
                return true;
              }
            }
            if (from < part.end) {
              long to = Math.min(part.end, from + subRun);
              Transmog.flattenSplit(part.path(), from, to, o, chunk -> converter.convert(chunk, out));
              from = to;
              if (from >= part.end) {
                part = null;
              }
              return true;
            }
            part = null; // an empty file
          }
        }
      };
    }

    private static void wholeFile(InputPart part, TransmogOptions o, ChunkConverter converter,
        List<TableChunk> out) {
      // no chunked API for a whole document: the core's in-memory result, handed on one chunk of rows at a time
      FlattenResult r = Transmog.flatten(part.path(), o);
      int rowsPerChunk = Math.max(1, o.chunkSize());
      for (Table t : r.tables()) {
        for (int[] s : ChunkConverter.slices(t.rowCount(), rowsPerChunk)) {
          out.add(converter.convert(t, s[0], s[1]));
        }
      }
      if (!r.rejects().isEmpty()) {
        out.add(ChunkConverter.rejects(r.rejects()));
      }
    }
  }

  /** Flattens the partitions of a Dataset of JSON texts again and converts them to the agreed layout. */
  public static final class ConvertTexts implements Function2<Integer, Iterator<String>, Iterator<TableChunk>> {
    private static final long serialVersionUID = 1L;
    private final TransmogOptionsFactory options;
    private final Broadcast<Layout> layout;
    private final Broadcast<long[]> recordsBefore;
    private final String source;
    private final long subRun;

    /**
     * @param options makes the options on the executor
     * @param layout the agreed layout
     * @param recordsBefore per partition, the number of texts in the partitions before it
     * @param source the input's name (it enters location-based IDs)
     * @param subRun characters of texts per core run
     */
    public ConvertTexts(TransmogOptionsFactory options, Broadcast<Layout> layout, Broadcast<long[]> recordsBefore,
        String source, long subRun) {
      this.options = options;
      this.layout = layout;
      this.recordsBefore = recordsBefore;
      this.source = source;
      this.subRun = subRun;
    }

    @Override
    public Iterator<TableChunk> call(Integer partition, Iterator<String> texts) {
      TransmogOptions o = options.create();
      ChunkConverter converter = new ChunkConverter(layout.value(), partition);
      long first = recordsBefore.value()[partition];
      return new SubRuns() {
        private long done;

        @Override
        boolean run(List<TableChunk> out) {
          if (!texts.hasNext()) {
            return false;
          }
          Batch batch = new Batch(texts, subRun);
          Transmog.flattenJson(batch, source, first + done, o, chunk -> converter.convert(chunk, out));
          while (batch.hasNext()) {
            batch.next(); // the core stops at a fatal error only, which it throws; nothing is left unread
          }
          done += batch.count;
          return true;
        }
      };
    }
  }

  /** Hands out texts until about {@code maxChars} characters were handed out. */
  static final class Batch implements Iterator<String> {
    private final Iterator<String> in;
    private final long maxChars;
    long count;
    private long chars;

    Batch(Iterator<String> in, long maxChars) {
      this.in = in;
      this.maxChars = maxChars;
    }

    @Override
    public boolean hasNext() {
      return chars < maxChars && in.hasNext();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String s = in.next();
      count++;
      chars += s.length();
      return s;
    }
  }

  /**
   * An iterator over the chunks of a partition that runs the core one sub-run at a time, when the chunks of the
   * previous one are used up.
   */
  abstract static class SubRuns implements Iterator<TableChunk> {
    private final Deque<TableChunk> ready = new ArrayDeque<>();
    private boolean finished;

    /**
     * Runs the next sub-run.
     *
     * @param out receives its chunks
     * @return whether there was one
     */
    abstract boolean run(List<TableChunk> out);

    @Override
    public boolean hasNext() {
      List<TableChunk> out = new ArrayList<>();
      while (ready.isEmpty() && !finished) {
        finished = !run(out);
        ready.addAll(out);
        out.clear();
      }
      return !ready.isEmpty();
    }

    @Override
    public TableChunk next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }
  }

  // ---- tables -------------------------------------------------------------------------------------------------

  /** Keeps the chunks of one table. */
  public static final class IsTable implements Function<TableChunk, Boolean> {
    private static final long serialVersionUID = 1L;
    private final int table;

    /** @param table the table's index, or -1 for the rejected records */
    public IsTable(int table) {
      this.table = table;
    }

    @Override
    public Boolean call(TableChunk c) {
      return c.table == table;
    }
  }

  /** Turns chunks into Spark rows. */
  public static final class ChunkRows implements FlatMapFunction<TableChunk, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(TableChunk c) {
      return c.rows();
    }
  }

  /** Counts the rows of each table (index + 1; slot 0 counts rejected records) in a partition. */
  public static final class CountRows implements FlatMapFunction<Iterator<TableChunk>, long[]> {
    private static final long serialVersionUID = 1L;
    private final int tables;

    /** @param tables the number of tables */
    public CountRows(int tables) {
      this.tables = tables;
    }

    @Override
    public Iterator<long[]> call(Iterator<TableChunk> chunks) {
      long[] counts = new long[tables + 1];
      while (chunks.hasNext()) {
        TableChunk c = chunks.next();
        counts[c.table + 1] += c.rows;
      }
      return Collections.singletonList(counts).iterator();
    }
  }
}

package io.transmog.core;

import io.transmog.api.RejectedRecord;
import io.transmog.api.TransmogOptions;
import io.transmog.core.internal.flatten.Engine;
import io.transmog.core.internal.flatten.RecordLoop;
import io.transmog.core.internal.input.RecordReader;
import io.transmog.core.internal.table.TableData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a reader through a streaming engine and hands each chunk's tables to a callback as one {@link FlattenResult},
 * for callers that bring their own parallelism (Spark tasks, a caller's thread pool). The rows stay in the engine's
 * storage during the callback and are cleared after it, so nothing is copied.
 */
final class ChunkedRun {
  private ChunkedRun() {}

  static SplitResult run(RecordReader reader, TransmogOptions options, Consumer<FlattenResult> chunks) {
    try (RecordReader r = reader) {
      Delivery delivery = new Delivery(chunks);
      // a huge child table cannot be handed over half-way: the callback sees whole records only
      delivery.engine = Engine.streaming(options, delivery, false);
      RecordLoop.Counts counts = RecordLoop.run(r, delivery.engine, options, -1, delivery.rejects::add);
      delivery.engine.finish(); // hands over the last, partial chunk
      return new SplitResult(counts.records(), counts.rejected(), r.bytesRead());
    }
  }

  /** Hands the engine's tables over as one result at the end of each chunk, with the chunk's rejects. */
  private static final class Delivery implements Engine.ChunkSink {
    final List<RejectedRecord> rejects = new ArrayList<>();
    final Consumer<FlattenResult> chunks;
    Engine engine;

    Delivery(Consumer<FlattenResult> chunks) {
      this.chunks = chunks;
    }

    @Override
    public void accept(TableData table) {
      // the whole chunk is handed over at endChunk
    }

    @Override
    public void endChunk() {
      List<TableData> tables = engine.currentTables();
      boolean empty = rejects.isEmpty();
      for (int i = 0; i < tables.size() && empty; i++) {
        empty = tables.get(i).rowCount() == 0;
      }
      if (empty) {
        return; // the input ended right after a full chunk
      }
      FlattenResult result = new FlattenResult(tables, rejects);
      rejects.clear();
      chunks.accept(result);
    }
  }
}

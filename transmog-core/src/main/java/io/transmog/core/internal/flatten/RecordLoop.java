package io.transmog.core.internal.flatten;

import io.transmog.api.ErrorMode;
import io.transmog.api.InputLocation;
import io.transmog.api.MalformedInputException;
import io.transmog.api.ProgressListener;
import io.transmog.api.RejectedRecord;
import io.transmog.api.SchemaConflictException;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.core.internal.input.RecordReader;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads every record of an input through the engine, applying the error mode: STRICT throws the first error, SKIP
 * and WARN roll the bad record back, hand it to the rejects consumer and go on (or stop, inside a JSON document, where
 * the next record cannot be found after a syntax error). Also reports progress and honours interrupts.
 */
public final class RecordLoop {
  private static final System.Logger LOG = System.getLogger("io.transmog");

  private RecordLoop() {}

  /** What a loop did. */
  public record Counts(long records, long rejected) {}

  /**
   * Runs the loop.
   *
   * @param reader the input
   * @param engine the engine
   * @param options the options (error mode, chunk size, progress listener)
   * @param bytesTotal the input size for progress, or -1
   * @param rejects receives bad records in SKIP and WARN mode
   * @return the number of records accepted and rejected
   */
  public static Counts run(RecordReader reader, Engine engine, TransmogOptions options, long bytesTotal,
      Consumer<RejectedRecord> rejects) {
    boolean strict = options.onError() == ErrorMode.STRICT;
    boolean warn = options.onError() == ErrorMode.WARN;
    ProgressListener progress = options.progressListener();
    int chunk = options.chunkSize();
    long start = System.nanoTime();
    long records = 0;
    long rejected = 0;
    long seen = 0;
    while (true) {
      InputLocation failedAt = null;
      String reason = null;
      try {
        if (!reader.next()) {
          break;
        }
        engine.record(reader);
        reader.endRecord();
        engine.commit();
        records++;
      } catch (MalformedInputException | SchemaConflictException e) {
        engine.rollback();
        if (strict) {
          throw e;
        }
        failedAt = e instanceof MalformedInputException ? ((MalformedInputException) e).location()
            : ((SchemaConflictException) e).location();
        reason = e instanceof MalformedInputException ? ((MalformedInputException) e).reason() : e.getMessage();
      }
      if (failedAt != null) {
        Optional<String> raw = reader.rawRecord();
        boolean goOn = reader.recover();
        if (!goOn) {
          reason += " (reading stopped here: after a syntax error inside a JSON document the next record cannot be"
              + " found; the records before it are kept)";
        }
        rejected++;
        RejectedRecord r = new RejectedRecord(failedAt, reason, raw);
        if (warn) {
          LOG.log(System.Logger.Level.WARNING, "record skipped: {0}: {1}", failedAt.describe(), reason);
        }
        rejects.accept(r);
        if (!goOn) {
          break;
        }
      }
      if (++seen % chunk == 0) {
        if (Thread.currentThread().isInterrupted()) {
          throw new TransmogException("interrupted after " + seen + " records of " + reader.source()
              + "; no output was published");
        }
        if (progress != ProgressListener.NONE) {
          progress.onProgress(new ProgressListener.Progress(seen, reader.bytesRead(), bytesTotal,
              System.nanoTime() - start, false));
        }
      }
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new TransmogException("interrupted at the end of " + reader.source() + "; no output was published");
    }
    progress.onProgress(new ProgressListener.Progress(seen, reader.bytesRead(), bytesTotal,
        System.nanoTime() - start, true));
    return new Counts(records, rejected);
  }
}

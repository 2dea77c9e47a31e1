package io.transmog.example.kafka;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A stand-in for a Kafka consumer on one partition: serves the values of an {@link Iterator} in batches of
 * {@code maxPollRecords}, numbering them from offset 0, and remembers the committed offset.
 */
public final class SimulatedTopic implements RecordSource {
  private final Iterator<String> values;
  private final int maxPollRecords;
  private long nextOffset;
  private long committed;

  /**
   * Creates the topic.
   *
   * @param values the message values in order
   * @param maxPollRecords the most messages one poll returns
   */
  public SimulatedTopic(Iterator<String> values, int maxPollRecords) {
    this.values = values;
    this.maxPollRecords = maxPollRecords;
  }

  @Override
  public List<Message> poll() {
    List<Message> batch = new ArrayList<>();
    while (batch.size() < maxPollRecords && values.hasNext()) {
      batch.add(new Message(nextOffset++, values.next()));
    }
    return batch;
  }

  @Override
  public void commit(long nextOffset) {
    this.committed = nextOffset;
  }

  /** @return the committed offset: every message before it was written and published */
  public long committed() {
    return committed;
  }
}

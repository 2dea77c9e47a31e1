package io.transmog.example.kafka;

import java.util.List;

/**
 * The part of a Kafka consumer (or an HTTP endpoint, a queue listener) this example needs: batches of messages, and
 * a commit once they are safely written. Kafka's {@code poll()} and {@code commitSync()} have the same shape.
 */
public interface RecordSource {
  /**
   * Returns the next messages.
   *
   * @return up to a batch of messages; empty when there is nothing more
   */
  List<Message> poll();

  /**
   * Marks everything before {@code nextOffset} as done: it will not be delivered again.
   *
   * @param nextOffset the offset of the first message not yet written
   */
  void commit(long nextOffset);
}

package io.transmog.spark;

import io.transmog.api.TransmogOptions;
import java.io.Serializable;

/**
 * Makes the {@link TransmogOptions} of a Spark run on every executor. {@code TransmogOptions} itself is not
 * serializable, and options that hold code (transforms, a custom ID function) cannot be copied field by field; a
 * factory is serialized with the job instead and called once per task, so it may build such options.
 *
 * <pre>{@code
 * SparkTransmog.builder(spark)
 *     .options(() -> TransmogOptions.builder().name("orders")
 *         .transform("line_items", Transform.drop("description")).build())
 *     .build();
 * }</pre>
 *
 * <p>The factory must return equal options every time it is called (on the driver and on every executor); whatever
 * it captures must be serializable. Cost: one call per Spark task and one on the driver.
 */
@FunctionalInterface
public interface TransmogOptionsFactory extends Serializable {
  /**
   * Builds the options.
   *
   * @return the options, never {@code null}
   */
  TransmogOptions create();
}

package io.transmog.cli;

import io.transmog.api.ArrayMode;
import io.transmog.api.ErrorMode;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.InputFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Lower-case spellings of the API enums on the command line ({@code --array-mode separate}), accepted in any case, with
 * an error message listing the accepted values.
 */
final class EnumOptions {
  private EnumOptions() {}

  static <E extends Enum<E>> List<String> names(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value.trim())) {
        return e;
      }
    }
    throw new TypeConversionException(
        "expected one of " + String.join(", ", names(type)) + " but was '" + value + "'");
  }

  /** Converts {@code --array-mode}. */
  static final class ArrayModeConverter implements ITypeConverter<ArrayMode> {
    @Override
    public ArrayMode convert(String value) {
      return parse(ArrayMode.class, value);
    }
  }

  /** Converts {@code --input-format}. */
  static final class InputFormatConverter implements ITypeConverter<InputFormat> {
    @Override
    public InputFormat convert(String value) {
      return parse(InputFormat.class, value);
    }
  }

  /** The values shown for {@code ${COMPLETION-CANDIDATES}} of {@code --array-mode}. */
  static final class ArrayModes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names(ArrayMode.class).iterator();
    }
  }

  /** The values shown for {@code ${COMPLETION-CANDIDATES}} of {@code --input-format}. */
  static final class InputFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names(InputFormat.class).iterator();
    }
  }

  /** Converts {@code --on-error}. */
  static final class ErrorModeConverter implements ITypeConverter<ErrorMode> {
    @Override
    public ErrorMode convert(String value) {
      return parse(ErrorMode.class, value);
    }
  }

  /** The values shown for {@code ${COMPLETION-CANDIDATES}} of {@code --on-error}. */
  static final class ErrorModes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names(ErrorMode.class).iterator();
    }
  }

  /** Converts sizes such as {@code 256m} (powers of 1024) through the same rules as writer options. */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        long v = FormatOptions.of(java.util.Map.of("size", value)).getLong("size", 0);
        if (v < 0) {
          throw new TypeConversionException("must not be negative but was '" + value + "'");
        }
        return v;
      } catch (io.transmog.api.TransmogConfigurationException e) {
        throw new TypeConversionException("expected a size such as 500000, 64m or 2g but was '" + value + "'");
      }
    }
  }
}

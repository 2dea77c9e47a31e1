package io.transmog.core;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.core.internal.jsonl.JsonLinesWriterProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The writer providers available to a run, by format name. Immutable and thread-safe once built.
 *
 * <p>Explicit registration always wins and always works; {@link java.util.ServiceLoader} fills in the rest, on the
 * module path and the class path alike. The built-in {@code jsonl} writer is always present. A provider that fails to
 * load does not break the others: its error is kept and reported if its format is asked for. Two discovered providers
 * with the same format name fail the build of the registry, naming both classes.
 */
public final class WriterRegistry {
  private final Map<String, TableWriterProvider> providers;
  private final List<String> loadErrors;

  private WriterRegistry(Map<String, TableWriterProvider> providers, List<String> loadErrors) {
    this.providers = Collections.unmodifiableMap(new TreeMap<>(providers));
    this.loadErrors = List.copyOf(loadErrors);
  }

  /**
   * Discovers providers with the class loader that loaded Transmog (and the module layer, on the module path).
   *
   * @return the registry
   * @throws TransmogConfigurationException if two providers claim the same format
   */
  public static WriterRegistry discover() {
    return builder().discover(WriterRegistry.class.getClassLoader()).build();
  }

  /** @return a builder with only the built-in JSON Lines writer */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the format names available, sorted */
  public List<String> formats() {
    return List.copyOf(providers.keySet());
  }

  /** @return the providers, sorted by format name */
  public List<TableWriterProvider> providers() {
    return List.copyOf(providers.values());
  }

  /** @return messages of providers that failed to load (they are skipped) */
  public List<String> loadErrors() {
    return loadErrors;
  }

  /**
   * Finds the provider of a format.
   *
   * @param format the format name (case-insensitive)
   * @return the provider
   * @throws TransmogConfigurationException naming the available formats and the artifact to add
   */
  public TableWriterProvider provider(String format) {
    Objects.requireNonNull(format, "format must not be null");
    TableWriterProvider p = providers.get(format.toLowerCase(Locale.ROOT));
    if (p != null) {
      return p;
    }
    StringBuilder msg = new StringBuilder("format \"").append(format)
        .append("\" requested but no writer provides it; add io.transmog:transmog-io-")
        .append(format.toLowerCase(Locale.ROOT))
        .append(" (or your plugin) to the class path or module path. Available formats: ")
        .append(String.join(", ", providers.keySet()));
    for (String err : loadErrors) {
      msg.append("; a provider failed to load: ").append(err);
    }
    throw new TransmogConfigurationException(msg.toString());
  }

  /**
   * Finds the provider of a format and checks format options against the keys it accepts, before anything is opened.
   *
   * @param format the format name (case-insensitive)
   * @param options the format options
   * @return the provider
   * @throws TransmogConfigurationException for an unknown format or an option the provider does not accept
   */
  public TableWriterProvider provider(String format, FormatOptions options) {
    TableWriterProvider provider = provider(format);
    for (String key : options.keys()) {
      if (!provider.optionKeys().contains(key)) {
        throw new TransmogConfigurationException("format option \"" + key + "\" is not known to the "
            + provider.format() + " writer (" + provider.getClass().getName() + "); it accepts: "
            + (provider.optionKeys().isEmpty() ? "no options"
                : String.join(", ", new java.util.TreeSet<>(provider.optionKeys()))));
      }
    }
    return provider;
  }

  /** Builds a {@link WriterRegistry}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, TableWriterProvider> explicit = new LinkedHashMap<>();
    private final Map<String, TableWriterProvider> discovered = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private Builder() {
      JsonLinesWriterProvider jsonl = new JsonLinesWriterProvider();
      discovered.put(jsonl.format(), jsonl);
    }

    /**
     * Registers a provider explicitly; it replaces a discovered provider of the same format.
     *
     * @param provider the provider
     * @return this builder
     * @throws TransmogConfigurationException if another provider was registered explicitly for the same format, or
     *     its SPI version is not supported
     */
    public Builder register(TableWriterProvider provider) {
      Objects.requireNonNull(provider, "provider must not be null");
      checkVersion(provider);
      String format = formatOf(provider);
      TableWriterProvider old = explicit.putIfAbsent(format, provider);
      if (old != null && old.getClass() != provider.getClass()) {
        throw duplicate(format, old, provider);
      }
      return this;
    }

    /**
     * Adds the providers {@link ServiceLoader} finds with a class loader (and, for named modules, the boot layer).
     *
     * @param loader the class loader to search
     * @return this builder
     * @throws TransmogConfigurationException if two providers claim the same format
     */
    public Builder discover(ClassLoader loader) {
      ServiceLoader<TableWriterProvider> sl = ServiceLoader.load(TableWriterProvider.class, loader);
      Iterator<ServiceLoader.Provider<TableWriterProvider>> it = sl.stream().iterator();
      while (true) {
        ServiceLoader.Provider<TableWriterProvider> handle;
        try {
          if (!it.hasNext()) {
            break;
          }
          handle = it.next();
        } catch (ServiceConfigurationError e) {
          errors.add(String.valueOf(e.getMessage()));
          continue;
        }
        TableWriterProvider p;
        String format;
        try {
          p = handle.get();
          checkVersion(p);
          format = formatOf(p);
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
          // one broken plugin must not take the others down: keep why it failed for when its format is asked for
          errors.add(handle.type().getName() + ": " + describe(e));
          continue;
        }
        TableWriterProvider old = discovered.get(format);
        if (old != null && old.getClass() != p.getClass()) {
          if (old instanceof JsonLinesWriterProvider) {
            discovered.put(format, p);
            continue;
          }
          throw duplicate(format, old, p);
        }
        discovered.put(format, p);
      }
      return this;
    }

    /** @return the registry */
    public WriterRegistry build() {
      Map<String, TableWriterProvider> all = new LinkedHashMap<>(discovered);
      all.putAll(explicit);
      return new WriterRegistry(all, errors);
    }

    private static String describe(Throwable e) {
      StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage() == null ? e.toString() : e.getMessage()));
      for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
        sb.append("; caused by ").append(c);
      }
      return sb.toString();
    }

    private static String formatOf(TableWriterProvider p) {
      String f = p.format();
      if (f == null || f.isBlank() || !f.equals(f.toLowerCase(Locale.ROOT))) {
        throw new TransmogConfigurationException(
            "writer provider " + p.getClass().getName() + " has an invalid format name \"" + f
                + "\"; it must be non-blank and lower-case");
      }
      if (p.fileExtensions() == null || p.fileExtensions().isEmpty()) {
        throw new TransmogConfigurationException(
            "writer provider " + p.getClass().getName() + " declares no file extension");
      }
      return f;
    }

    private static void checkVersion(TableWriterProvider p) {
      if (p.spiVersion() != TableWriterProvider.SPI_VERSION) {
        throw new TransmogConfigurationException("writer provider " + p.getClass().getName()
            + " implements SPI version " + p.spiVersion() + " but this Transmog supports version "
            + TableWriterProvider.SPI_VERSION);
      }
    }

    private static TransmogConfigurationException duplicate(
        String format, TableWriterProvider a, TableWriterProvider b) {
      return new TransmogConfigurationException("two writer providers claim format \"" + format + "\": "
          + a.getClass().getName() + " and " + b.getClass().getName() + "; remove one from the class path");
    }
  }
}

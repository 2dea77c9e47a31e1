package io.transmog.io.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ArrowWriterProviderTest {
  private static final String SERVICE_FILE = "META-INF/services/" + TableWriterProvider.class.getName();
  private static final String PROVIDER = "io.transmog.io.arrow.internal.ArrowWriterProvider";

  @Test
  void isDiscoveredByServiceLoader() {
    // On the module path the tests are patched into io.transmog.io.arrow, which provides but does not `uses` the
    // service; a module may add that edge for itself at run time (on the class path this is a no-op).
    ArrowWriterProviderTest.class.getModule().addUses(TableWriterProvider.class);

    List<TableWriterProvider> arrow = ServiceLoader.load(TableWriterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.format().equals("arrow"))
        .collect(Collectors.toList());

    assertThat(arrow).hasSize(1);
    TableWriterProvider provider = arrow.get(0);
    assertThat(provider.getClass().getName()).isEqualTo(PROVIDER);
    assertThat(provider.fileExtensions()).as("arrow first: new files get it").containsExactly("arrow", "feather");
    assertThat(provider.spiVersion()).isEqualTo(TableWriterProvider.SPI_VERSION);
    assertThat(provider.optionKeys()).isEqualTo(ArrowOptions.KEYS);
    assertThat(provider.description()).contains("Arrow IPC").contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
  }

  @Test
  void canAppend_onlyAnIdenticalSchema() throws Exception {
    TableWriterProvider provider = (TableWriterProvider) Class.forName(PROVIDER).getConstructor().newInstance();
    TableSchema s = TableSchema.of("t", null, List.of(new Column("a", ColumnType.LONG)));
    assertThat(provider.canAppend(s, TableSchema.of("t", null, List.of(new Column("a", ColumnType.LONG))))).isTrue();
    assertThat(provider.canAppend(s, TableSchema.of("t", null, List.of(new Column("a", ColumnType.LONG),
        new Column("b", ColumnType.STRING))))).isFalse();
    assertThat(provider.canAppend(s, TableSchema.of("t", null, List.of(new Column("a", ColumnType.DOUBLE)))))
        .isFalse();
  }

  @Test
  void declaresTheProviderForTheClassPathToo() throws Exception {
    // ServiceLoader on the module path reads module-info, so the services file needs its own check.
    String declared;
    try (InputStream in = ArrowWriterProviderTest.class.getClassLoader().getResourceAsStream(SERVICE_FILE)) {
      assertThat(in).as(SERVICE_FILE).isNotNull();
      declared = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    assertThat(declared).isEqualTo(PROVIDER);
    assertThat(Class.forName(declared).getConstructor().newInstance()).isInstanceOf(TableWriterProvider.class);
  }

  @Test
  void moduleDescriptor_exportsOnlyTheOptionsPackageAndRequiresApiArrowAndCodecsOnly() {
    Module module = ArrowOptions.class.getModule();
    if (!module.isNamed()) {
      return; // on the class path there is no module descriptor to check
    }
    ModuleDescriptor d = module.getDescriptor();
    assertThat(d.name()).isEqualTo("io.transmog.io.arrow");
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.transmog.io.arrow");
    assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name).containsExactlyInAnyOrder("java.base",
        "io.transmog.api", "org.apache.arrow.vector", "org.apache.arrow.memory.core",
        "org.apache.arrow.memory.unsafe", "com.github.luben.zstd_jni", "org.lz4.java");
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(TableWriterProvider.class.getName());
      assertThat(p.providers()).containsExactly(PROVIDER);
    });
    assertThat(d.uses()).isEmpty();
  }
}

package io.transmog.bench.data;

/** How records are laid out in the generated file. */
public enum Layout {
  /** One record per line ({@code .jsonl}). */
  JSON_LINES,
  /** One top-level JSON array, one record per line after the {@code [} ({@code .json}). */
  ARRAY
}

/**
 * Reading Hugging Face {@code config.json} files: {@link dev.runyard.core.format.hfconfig.HfConfig} for typed access,
 * {@link dev.runyard.core.format.hfconfig.ArchitectureReader} (with its family readers) to build a
 * {@link dev.runyard.core.model.ModelArchitecture}. Produces {@code model} types; never depends on {@code estimate}.
 */
package dev.runyard.core.format.hfconfig;

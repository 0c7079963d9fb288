/**
 * Readers of model files and configs (GGUF, safetensors, config.json), one subpackage each, and the
 * {@link dev.runyard.core.format.ByteSource} they all read through (local files, or remote ranges in the app).
 * Files are hostile input: checked arithmetic, capped lengths, headers only.
 */
package dev.runyard.core.format;

/** Readers of model files and configs (GGUF, safetensors, config.json). Files are hostile input: checked arithmetic, capped lengths, headers only. */
package dev.runyard.core.format;

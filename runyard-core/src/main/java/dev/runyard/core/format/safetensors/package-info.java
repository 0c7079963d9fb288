/**
 * Reading safetensors headers (the JSON index at the start of each file, never tensor data), sharded sets through
 * {@code model.safetensors.index.json}, and model directories with their {@code config.json}. Input is untrusted:
 * lengths are capped and every tensor's byte range is checked against its dtype and shape.
 */
package dev.runyard.core.format.safetensors;

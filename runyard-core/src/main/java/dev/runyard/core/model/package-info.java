/** Model architectures: layers, attention kinds, feed-forward kinds, read from config.json, and the exact tensor inventory with llama.cpp's GGUF names. Readers never depend on estimate. */
package dev.runyard.core.model;

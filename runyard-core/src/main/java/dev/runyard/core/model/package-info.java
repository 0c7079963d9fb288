/**
 * Model architectures: layers, attention kinds, feed-forward kinds, and the exact tensor inventory with llama.cpp's
 * GGUF names. Plain model types only: the readers that build them from files live in {@code format} and depend on
 * this package, never the other way round. Never depends on {@code estimate}.
 */
package dev.runyard.core.model;

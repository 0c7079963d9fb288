/** The one table of quantization facts: GGML types and block sizes, llama.cpp file types and their per-tensor type rules, GPU checkpoint formats, quality loss, and parsing the names users type. */
package dev.runyard.core.quant;

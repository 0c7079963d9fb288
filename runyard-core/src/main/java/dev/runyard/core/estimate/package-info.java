/** Memory estimates per engine (llama.cpp, Ollama, vLLM, SGLang, MLX): weights, KV cache, compute buffers, runtime overhead, per device, each part with its formula and inputs. Pure functions of an architecture and a request. */
package dev.runyard.core.estimate;

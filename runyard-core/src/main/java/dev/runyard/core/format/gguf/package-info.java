/**
 * Reading GGUF headers (metadata and tensor infos, never tensor data) from untrusted bytes. Every count, length and
 * size is checked before use; failures are {@link dev.runyard.core.format.gguf.GgufFormatException}s naming the
 * file, byte offset and field. {@link dev.runyard.core.format.ByteSource} is the seam for other transports.
 */
package dev.runyard.core.format.gguf;

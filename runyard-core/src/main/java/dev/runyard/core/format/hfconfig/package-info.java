/** Reading Hugging Face {@code config.json} files into typed values. Never depends on {@code estimate}. */
package dev.runyard.core.format.hfconfig;

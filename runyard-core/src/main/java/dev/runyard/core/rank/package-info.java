/** Ranking catalog models for a machine and a use case: quality from benchmarks and size, the best variant per engine, quant and context, and the command that runs it. */
package dev.runyard.core.rank;

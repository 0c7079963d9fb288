/** Catalog facts the core plans with: each model's id, architecture, licence, benchmarks, engines and known repositories. */
package dev.runyard.core.catalog;

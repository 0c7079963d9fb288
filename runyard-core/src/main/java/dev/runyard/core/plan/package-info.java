/** Placing a run on a machine (GPU split, MoE experts or layers offloaded to RAM, CPU only) and the solvers built on it (longest context, fewest GPUs). */
package dev.runyard.core.plan;

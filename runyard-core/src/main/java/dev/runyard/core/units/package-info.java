/** Units: the byte-size type. GiB (2^30) and GB (10^9) are both available, always labelled, and parsed apart. */
package dev.runyard.core.units;

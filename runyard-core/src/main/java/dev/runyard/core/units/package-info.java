/** Units: the byte-size type. GiB (2^30) and GB (10^9) are both available and always labelled. */
package dev.runyard.core.units;

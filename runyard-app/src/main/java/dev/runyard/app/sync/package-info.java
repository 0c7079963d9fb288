/** The Hugging Face Hub client and the incremental, resumable catalog sync. */
package dev.runyard.app.sync;

/**
 * The incremental, resumable catalog sync: which Hub repositories are new models, variants or distills, how their
 * records are checked, and how they land in the store with per-repo progress (so no interruption loses one). It talks
 * to the Hub through {@link dev.runyard.app.remote.HubClient}, the one client.
 */
package dev.runyard.app.sync;

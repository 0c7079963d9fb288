/**
 * The incremental, resumable catalog sync: which Hub repositories are new models, variants or distills, and how
 * they land in the store. It talks to the Hub through {@link dev.runyard.app.remote.HubClient}, the one client.
 */
package dev.runyard.app.sync;

/**
 * Everything that talks to the network: a range-request {@code ByteSource}
 * ({@link dev.runyard.app.remote.HttpRangeSource}) for reading model headers, the HTTP plumbing every request goes
 * through ({@link dev.runyard.app.remote.HttpFetcher}: one retry policy, checked redirects, {@code HF_TOKEN} for the
 * hub's own host only), and the one Hugging Face Hub client ({@link dev.runyard.app.remote.HubClient}: file listings
 * for {@code hf:OWNER/REPO[/FILE]}, JSON for the catalog sync). Network code lives here, in the app, never in
 * {@code runyard-core}.
 */
package dev.runyard.app.remote;

/**
 * Reading model headers over HTTP: a range-request {@code ByteSource} ({@link dev.runyard.app.remote.HttpRangeSource}),
 * the HTTP plumbing with retries and checked redirects ({@link dev.runyard.app.remote.HttpFetcher}), and Hugging Face
 * {@code hf:OWNER/REPO[/FILE]} references resolved against the hub ({@link dev.runyard.app.remote.HubClient}).
 * Network code lives here, in the app, never in {@code runyard-core}.
 */
package dev.runyard.app.remote;

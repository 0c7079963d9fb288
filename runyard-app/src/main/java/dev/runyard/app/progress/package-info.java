/** Progress on stderr for waits on the network: silent under a second, then says what it waits for and how long. */
package dev.runyard.app.progress;

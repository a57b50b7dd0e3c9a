/**
 * The Petrel updater library: check, resumable download, verification against pinned release keys
 * (failing closed), install through an {@link dev.petrel.client.Installer}, roll back, history and
 * event reporting. Start at {@link dev.petrel.client.Updater#builder()}.
 *
 * <p>This package and its {@code internal} subpackages use nothing Android 8 (API 26) lacks: no
 * {@code java.net.http}, no AWT or Swing, no JDK EdEC keys ({@code HttpURLConnection} for HTTP, a
 * pure-Java Ed25519 verifier). The desktop installer and the Swing UI live in their own packages.
 * Types under {@code dev.petrel.client.internal} are not API and may change at any time.
 */
package dev.petrel.client;

/**
 * A Swing UI for the updater: {@link dev.petrel.client.swing.UpdateUi} adds an "Update" menu (Check
 * for Updates…, Update History…, Rollback Update…, Settings…) to a desktop app and shows the update
 * dialog (version, release notes, size; "Later" hidden for mandatory updates), a progress window
 * for the download and install (cancellable), a tray notice (or a small corner window where there
 * is no tray), the history and the settings.
 *
 * <p>The dialogs' logic lives in presenter classes without Swing windows (tested headless); text
 * that comes from the server is always shown as plain text, never interpreted as HTML. The core
 * package {@code dev.petrel.client} does not depend on this one.
 */
package dev.petrel.client.swing;

/**
 * The updater's machinery: sources, download, verification, state files and reporting. Not API:
 * these types may change at any time. Like the public package, nothing here uses what Android 8
 * (API 26) lacks.
 */
package dev.petrel.client.internal;

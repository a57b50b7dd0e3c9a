/**
 * The Petrel updater library for JVM desktop apps. Its API (check, resumable download, verify,
 * atomic install, automatic revert) is the subject of the updater issue; until then this module
 * only reserves its place in the reactor so the command line and server build against one layout.
 */
package dev.petrel.client;

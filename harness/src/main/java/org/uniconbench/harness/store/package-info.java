/**
 * The run folder on disk: the store that writes it (atomically), the provenance of a run and of a
 * row, the lock and entries of the shared backbone and feature caches.
 */
package org.uniconbench.harness.store;

import { provideLibraries } from '../engine/libraries';
import { lazyLibraries } from '../node/lazy-libraries';

/**
 * Hands the engine and the adapters their parsing packages, loaded on first use (engine/libraries.ts).
 * Imported for this effect by the service modules every host goes through (module-scan.ts), so the
 * CLI, `mwb serve`, the Electron main process and the scan workers all have them.
 */
provideLibraries(lazyLibraries);

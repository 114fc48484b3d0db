import type { ModuleFolderAdapter } from '../adapter';

/**
 * The native format (SPEC §1-2): platform.yaml and modules/<name>/module.yaml. Its extract step is
 * engine/manifest.ts's parseManifest, run per module folder by the service's scan pool (on every
 * core), so this adapter only claims the checkout: it is the fallback for any folder.
 */
export const nativeAdapter: ModuleFolderAdapter = {
  kind: 'native',
  label: 'native (platform.yaml, module.yaml)',
  reads: 'module-folders',
  detect: () => true,
};

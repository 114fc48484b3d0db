import { isRecord, str } from './model';

/** What composer.json and composer.lock say: the Drupal projects required, and the locked versions by project. */
export interface ComposerInfo {
  /** Project names (`paragraphs`) of `drupal/*` packages required by composer.json or locked in composer.lock. */
  required: Set<string>;
  /** Locked versions by project name. */
  locked: Map<string, string>;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function readComposer(json: string | undefined, lock: string | undefined): ComposerInfo {
  const info: ComposerInfo = { required: new Set(), locked: new Map() };
  const j = parseJson(json);
  if (isRecord(j)) {
    for (const key of ['require', 'require-dev']) {
      const req = j[key];
      if (isRecord(req)) for (const name of Object.keys(req)) if (name.startsWith('drupal/')) info.required.add(name.slice(7));
    }
  }
  const l = parseJson(lock);
  if (isRecord(l)) {
    for (const key of ['packages', 'packages-dev']) {
      const list = l[key];
      if (!Array.isArray(list)) continue;
      for (const p of list) {
        if (!isRecord(p)) continue;
        const name = str(p.name);
        const version = str(p.version);
        if (!name?.startsWith('drupal/')) continue;
        info.required.add(name.slice(7));
        if (version !== undefined) info.locked.set(name.slice(7), version);
      }
    }
  }
  return info;
}

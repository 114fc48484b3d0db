import type { Position } from '../../engine/yaml-source';

/**
 * permission_callbacks give permissions per config entity: core's well-known callbacks build them
 * from bundles the checkout's config holds (node types, vocabularies, text formats, media and
 * block content types). Each template is the PHP callback's own wording; other callbacks cannot
 * be derived without running PHP.
 */
const TEMPLATES: Record<string, { config: string; permissions: (id: string) => string[] }> = {
  '\\Drupal\\node\\NodePermissions::nodeTypePermissions': {
    config: 'node.type.',
    permissions: (t) => [`create ${t} content`, `edit own ${t} content`, `edit any ${t} content`, `delete own ${t} content`, `delete any ${t} content`, `view ${t} revisions`, `revert ${t} revisions`, `delete ${t} revisions`],
  },
  '\\Drupal\\taxonomy\\TaxonomyPermissions::permissions': {
    config: 'taxonomy.vocabulary.',
    permissions: (v) => [`create terms in ${v}`, `delete terms in ${v}`, `edit terms in ${v}`, `view term revisions in ${v}`, `revert term revisions in ${v}`, `delete term revisions in ${v}`],
  },
  '\\Drupal\\filter\\FilterPermissions::permissions': {
    config: 'filter.format.',
    permissions: (f) => [`use text format ${f}`],
  },
  '\\Drupal\\media\\MediaPermissions::mediaTypePermissions': {
    config: 'media.type.',
    permissions: (t) => [`create ${t} media`, `edit own ${t} media`, `edit any ${t} media`, `delete own ${t} media`, `delete any ${t} media`, `view any ${t} media revisions`, `revert any ${t} media revisions`, `delete any ${t} media revisions`],
  },
  '\\Drupal\\block_content\\BlockContentPermissions::blockContentTypePermissions': {
    config: 'block_content.type.',
    permissions: (t) => [`create ${t} block content`, `edit any ${t} block content`, `delete any ${t} block content`, `view any ${t} block content history`, `revert any ${t} block content revisions`, `delete any ${t} block content revisions`],
  },
};

/** The callback as written, without the leading backslash some files omit. */
const normalize = (cb: string): string => `\\${cb.replace(/^\\+/, '')}`;

export interface DerivedPermission {
  id: string;
  /** The config entity it comes from (`node.type.article`). */
  source: string;
}

/**
 * The permissions a callback gives for the config entities known (by id, e.g. `node.type.article` -> `article`),
 * or null when the callback is not one the adapter can derive. The fallback text format gets no permission.
 */
export function derivePermissions(callback: string, configIds: ReadonlySet<string>, fallbackFormat: string | null): DerivedPermission[] | null {
  const t = TEMPLATES[normalize(callback)];
  if (!t) return null;
  const out: DerivedPermission[] = [];
  for (const full of [...configIds].sort()) {
    if (!full.startsWith(t.config)) continue;
    const id = full.slice(t.config.length);
    if (t.config === 'filter.format.' && id === fallbackFormat) continue;
    for (const p of t.permissions(id)) out.push({ id: p, source: full });
  }
  return out;
}

export type CallbackAt = Position & { callback: string };

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What core's callbacks that cannot be derived from config produce, as patterns over the permission text. */
const UNDERIVED_PATTERNS: Record<string, RegExp[]> = {
  '\\Drupal\\field_ui\\FieldUiPermissions::fieldPermissions': [/^administer \S+ (fields|form display|display)$/],
  '\\Drupal\\content_moderation\\Permissions::transitionPermissions': [/^use \S+ transition \S+$/],
  '\\Drupal\\content_translation\\ContentTranslationPermissions::contentPermissions': [/^translate \S+( \S+)?$/],
  '\\Drupal\\layout_builder\\LayoutBuilderOverridesPermissions::permissions': [/^configure (all|editable) \S+ \S+ layout overrides$/],
  '\\Drupal\\rest\\RestPermissions::permissions': [/^restful \S+ \S+$/],
};

/**
 * Whether a callback might give `permission` when it cannot be derived: core's known callbacks by
 * their wording (`derivable` ones too when the checkout has no config to derive them from); any
 * other callback (contrib, custom) might give anything.
 */
export function callbackMightGive(callback: string, permission: string): boolean {
  const key = normalize(callback);
  const t = TEMPLATES[key];
  if (t) return t.permissions('\u0000').some((p) => new RegExp(`^${escape(p).replace('\u0000', '\\S+')}$`).test(permission));
  const patterns = UNDERIVED_PATTERNS[key];
  return patterns ? patterns.some((re) => re.test(permission)) : true;
}

/** Whether the adapter knows what a callback gives (derivable from config, or a known pattern of core). */
export function isKnownCallback(callback: string): boolean {
  const key = normalize(callback);
  return key in TEMPLATES || key in UNDERIVED_PATTERNS;
}

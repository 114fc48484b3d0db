import { MODULE_SCHEMA, PLATFORM_SCHEMA } from '../../engine/schema-validation';
import { parseArgs } from '../args';
import { UsageError, type CliIO } from '../io';
import type { Command } from './command';

const SCHEMAS: Record<string, object> = { module: MODULE_SCHEMA, platform: PLATFORM_SCHEMA };

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of module.yaml (default) or platform.yaml, for YAML editors',
  usage: 'mwb schema [module|platform]\n  e.g. mwb schema module > .mwb/module.schema.json, then in module.yaml: # yaml-language-server: $schema=../../.mwb/module.schema.json',
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, {}, 'schema');
    const [which = 'module', ...extra] = args.positionals;
    const schema = SCHEMAS[which];
    if (!schema || extra.length > 0) throw new UsageError(`schema: expected module or platform (got '${[which, ...extra].join(' ')}')`);
    io.stdout(JSON.stringify(schema, null, 2) + '\n');
    return 0;
  },
};

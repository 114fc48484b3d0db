import tseslint from 'typescript-eslint';
import codeLayering from './eslint-rules/code-layering.js';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.bench/**', 'resources/example-platform/**', 'test/fixtures/**'] },
  // Ajv's standalone output (scripts/generate-schema-validators.mjs), checked by test/schema-validators.test.ts instead.
  { ignores: ['src-main/engine/generated/*.js'] },
  ...tseslint.configs.recommended,
  {
    plugins: { local: { rules: { 'code-layering': codeLayering } } },
    rules: {
      'local/code-layering': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

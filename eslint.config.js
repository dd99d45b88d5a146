// Type-aware lint for every package. Rules beyond `recommendedTypeChecked` are the house rules of
// ../shared/design/style.md: no floating promises, type-only imports, kebab-case files, and the
// package boundaries of the architecture (pure packages never import node I/O modules).
import js from '@eslint/js';
import unicorn from 'eslint-plugin-unicorn';
import tseslint from 'typescript-eslint';

const nodeIo = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'dgram',
  'child_process',
  'ws',
].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      'bench/k6/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { unicorn },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'max-params': ['error', 3],
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
    },
  },
  {
    // Pure packages: no sockets, files, processes or env.
    files: ['packages/{protocol,audio,core}/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeIo.map((name) => ({ name, message: 'pure package: no I/O' })) },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'pure package: no env or process' },
      ],
    },
  },
  {
    // Tests may use loose typing on parsed JSON frames.
    files: ['**/test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      'max-params': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);

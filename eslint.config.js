// ESLint flat config. The import boundaries are those of CONVENTIONS.md:
// features never import each other; src never imports netlify or dev; netlify may import only
// src/shared; dev is never imported by src or netlify.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = (() => {
  try {
    return readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
})();

// The shell imports the features, never the other way round (session and guards are in src/lib/auth).
const noAppShell = {
  group: ['@/app', '@/app/**', '**/app/*'],
  message:
    'Only src/main.tsx and tests mount the app shell; shared pieces live in src/lib or src/components.',
};

const noDevOrNetlify = [
  { group: ['**/dev', '**/dev/**'], message: 'dev/ (the local platform) is never imported by app code.' },
  { group: ['**/netlify/**'], message: 'The SPA never imports server code.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.local/**',
      '.netlify/**',
      'coverage/**',
      'src/shared/database.types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: noDevOrNetlify }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.app.json' })],
    },
    // A cycle means two modules cannot be understood (or loaded) one without the other.
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The SPA reads database numbers one way (null is not 0, text is not NaN).
    files: ['src/features/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.object.name='z'][object.property.name='coerce']",
          message: 'Read bigint/numeric columns with dbNumber from @/shared/db-number.',
        },
      ],
    },
  },
  {
    files: ['src/lib/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', 'src/config/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noDevOrNetlify, noAppShell] }] },
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noDevOrNetlify,
            noAppShell,
            {
              group: ['@/features/*', `!@/features/${feature}`, `!@/features/${feature}/**`],
              message:
                'Features never import each other; share through src/components, src/lib or src/shared.',
            },
            {
              group: ['../../*', '!../../components/**', '!../../lib/**'],
              message: 'Use the @/ alias to leave a feature.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noDevOrNetlify,
            {
              group: ['@/*', '!@/shared/**', 'react', 'react-dom'],
              message: 'src/shared runs in the browser and in functions: it imports nothing app-specific.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['netlify/**/*.{ts,mts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/dev', '**/dev/**'], message: 'Functions never know about the local platform.' },
            { group: ['@/*'], message: 'Functions import src/shared by relative path only.' },
            {
              group: ['**/src/*', '!**/src/shared', '!**/src/shared/**'],
              message: 'Functions may import only src/shared.',
            },
          ],
        },
      ],
    },
  },
);

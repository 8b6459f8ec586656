// ESLint flat config. The import boundaries are those of CONVENTIONS.md:
// features never import each other; src never imports netlify or dev; netlify may import only
// src/shared; dev is never imported by src or netlify.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
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
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noDevOrNetlify,
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

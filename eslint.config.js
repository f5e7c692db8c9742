import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-*', '.cache', 'node_modules', 'public', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never put markup built from data into the DOM; use textContent.' },
        { property: 'outerHTML', message: 'Never put markup built from data into the DOM; use textContent.' },
        { property: 'insertAdjacentHTML', message: 'Never put markup built from data into the DOM; use textContent.' },
        { object: 'document', property: 'write', message: 'Never put markup built from data into the DOM; use textContent.' },
        { object: 'document', property: 'writeln', message: 'Never put markup built from data into the DOM; use textContent.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never put markup built from data into the DOM; render text as React children.',
        },
      ],
    },
  },
);

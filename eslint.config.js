// ESLint flat config (issue 17 item 5). Syntax-only presets: the type-checked typescript-eslint
// preset needs a full program per run and would take minutes on the two-core machines; `tsc --noEmit`
// already runs first in `npm test`. Formatting is Prettier's job: none of the sets enabled here has a
// formatting rule, so the two never disagree (eslint-config-prettier is not needed).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

export default tseslint.config(
  {
    // Generated, built or downloaded: not ours to lint.
    ignores: ["build/**", "app/generated/**", "node_modules/**", "public/build/**", "coverage/**", ".data/**", ".cache/**", "test-results/**", ".scratch*/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_name` marks a value left out on purpose (`const { secret: _s, ...rest }`, `for (const _ of rows)`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Off: every control-character class in the tree is there on purpose, to refuse control characters in input (printable(), sameOriginPath).
      "no-control-regex": "off",
      // Comments may show a roster's ideographic-space padding (王　三) as it arrives; strings and code are still checked.
      "no-irregular-whitespace": ["error", { skipComments: true }],
    },
  },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrolling box (role="region" with a name) must take focus so the keyboard can scroll it (WCAG 2.1.1; axe scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
);

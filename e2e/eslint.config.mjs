// The dashboard's modules and the e2e files: every name defined (an import missed when a module moved is
// an error before a browser ever runs it), nothing unused.
import globals from "globals";

export default [
  {
    files: ["crates/server/assets/js/**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.browser } },
    rules: { "no-undef": "error", "no-unused-vars": "error" },
  },
  {
    files: ["e2e/**/*.mjs", "scripts/bench/**/*.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
    rules: { "no-undef": "error", "no-unused-vars": "error" },
  },
  { ignores: ["**/node_modules/**", "crates/server/assets/vendor/**", "e2e/artifacts/**"] },
];

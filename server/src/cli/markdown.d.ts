// Markdown files imported as text (esbuild's `text` loader, in scripts/build.mjs and scripts/build-tests.mjs).
declare module '*.md' {
  const text: string;
  export default text;
}

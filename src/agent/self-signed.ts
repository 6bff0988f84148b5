// The certificate library, behind a module of ours: agent-server imports this file when an agent starts.
// A dynamic import() of a CommonJS package itself would give the bundle's chunk only a default export
// (scripts/bundle.mjs refuses to build one); a static import here gets its named exports as Node does.
export { generate } from 'selfsigned';

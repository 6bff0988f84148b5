// Bundles src/cli.ts and everything it uses into one CommonJS file, dist/portmatrix.cjs: the file that
// package.json `bin` runs, the tests run, and `npm run package` turns into the executables (one code path).
// The package's data files (ports.json, package.json) are inlined: the bundle reads no file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(ROOT, 'dist', 'portmatrix.cjs');

// The data files src/package-data.ts names, with their text (package.json reduced to name and version).
function inlinedData(source) {
  const list = /PACKAGE_DATA_FILES = \[([^\]]*)\]/.exec(source)?.[1];
  if (!list) throw new Error('bundle: PACKAGE_DATA_FILES not found in src/package-data.ts');
  const data = {};
  for (const name of list.match(/'[^']+'/g).map((q) => q.slice(1, -1))) {
    const text = readFileSync(path.join(ROOT, name), 'utf8');
    const { name: pkg, version } = name === 'package.json' ? JSON.parse(text) : {};
    data[name] = name === 'package.json' ? JSON.stringify({ name: pkg, version }) : text;
  }
  return data;
}

// Replaces src/package-data.ts (which reads files) with a module holding their texts.
const packageDataPlugin = {
  name: 'package-data',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]package-data\.ts$/ }, (args) => {
      const data = inlinedData(readFileSync(args.path, 'utf8'));
      const contents =
        `const DATA = ${JSON.stringify(data)};\n` +
        'export const PACKAGE_DATA_FILES = Object.keys(DATA);\n' +
        'export function packageData(name) { return DATA[name]; }\n';
      return { contents, loader: 'js' };
    });
  },
};

/** Builds dist/portmatrix.cjs. */
export async function bundle(outfile = BUNDLE, options = {}) {
  await build({
    entryPoints: [path.join(ROOT, 'src', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ESM dependencies (yargs) ask for import.meta.url, which CommonJS has no value for.
    banner: { js: 'const __pmxImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__pmxImportMetaUrl' },
    plugins: [packageDataPlugin],
    legalComments: 'none',
    // Less to read and parse at every start (identifiers are kept: error names stay readable).
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    ...options,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();

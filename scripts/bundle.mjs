// Bundles src/cli.ts and everything it uses into CommonJS with esbuild, in two layouts from the same sources:
// - split (npm run build): dist/portmatrix.cjs, the file package.json `bin` runs and the tests run, plus
//   dist/portmatrix-*.cjs chunks it requires when needed, so that a run compiles only the code it uses
//   (`--version` none of the commands, `ports` no probes, `check` no TLS, HTTP or HTML);
// - one file (bundleOneFile): the whole CLI in one script, what `npm run package` turns into executables
//   (a single executable application can require no file of its own).
// The package's data files (ports.json, package.json) are inlined: neither layout reads a file of the package.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
export const BUNDLE = path.join(DIST, 'portmatrix.cjs');
/** The names of the split layout's files in dist/ (the entry and its chunks). */
export const BUNDLE_FILES = /^portmatrix(-[\w-]+)?\.cjs$/;

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

// string-width (yargs' and cliui's copies) builds an Intl.Segmenter when it loads, a few ms of ICU set-up
// each; yargs only measures text for --help and messages. Their import gets a stand-in that loads the
// real module at its first call (esbuild's require() of a bundled module runs it then, not before).
const lazyStringWidthPlugin = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { real: true },
      });
      if (real.errors.length > 0 || !/\.mjs$|[\\/]index\.js$/.test(real.path)) return undefined;
      const esm = JSON.parse(readFileSync(path.join(path.dirname(real.path), 'package.json'), 'utf8')).type;
      if (esm !== 'module') return undefined;
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents:
        'let width;\n' +
        `export default function stringWidth(text, options) {\n` +
        `  width ??= require(${JSON.stringify(args.path)}).default;\n` +
        '  return width(text, options);\n}\n',
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

// yargs' factory guesses a version at every start: it walks up from the working directory (in a bundle it
// has no node_modules path to start from), reading directories and the first package.json it finds, or
// building an AssertionError where there is none. main() always sets the version itself (.version(TOOL.version)).
const YARGS_GUESS = '        yargs.help();\n        yargs.version();\n';
const yargsNoGuessPlugin = {
  name: 'yargs-no-version-guess',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]lib[\\/]yargs-factory\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(YARGS_GUESS)) throw new Error(`bundle: ${args.path} changed: the version guess not found`);
      return { contents: source.replace(YARGS_GUESS, '        yargs.help();\n'), loader: 'js' };
    });
  },
};

const COMMON = {
  entryPoints: [path.join(ROOT, 'src', 'cli.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  // ESM dependencies (yargs) ask for import.meta.url, which CommonJS has no value for.
  banner: { js: 'const __pmxImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__pmxImportMetaUrl' },
  plugins: [packageDataPlugin, lazyStringWidthPlugin, yargsNoGuessPlugin],
  legalComments: 'none',
  // Less to read and parse at every start (identifiers are kept: error names stay readable).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

// Escapes what esbuild leaves outside ASCII (regular expression literals): one non-ASCII character makes V8
// hold the whole script as UTF-16, slower to read and to scan. \uXXXX means the same code unit there.
function asciiOnly(code) {
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Builds the split layout into outdir (default dist/): esbuild splits the ESM graph at each dynamic import()
 * (one chunk per command, shared chunks for what several use), then each file is turned into CommonJS, its
 * import() into require(): no ES module loader at run time. Old chunks in outdir are replaced.
 */
export async function bundle(outdir = DIST) {
  const stage = path.join(outdir, '.bundle-stage');
  rmSync(stage, { recursive: true, force: true });
  const result = await build({
    ...COMMON,
    outdir: stage,
    format: 'esm',
    splitting: true,
    entryNames: 'portmatrix',
    chunkNames: 'portmatrix-[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    write: false,
  });
  mkdirSync(stage, { recursive: true });
  for (const file of result.outputFiles) {
    // A dynamic import() of a CommonJS package becomes a chunk whose module.exports is the package
    // under "default" only: `const { generate } = await import('selfsigned')` would get undefined.
    if (/\bexport default require_[\w$]+\(\)/.test(file.text))
      throw new Error(
        `bundle: ${path.basename(file.path)} is a CommonJS package imported with import(): ` +
          'import it statically in a module of ours and import() that module',
      );
    const cjs = await transform(file.text, {
      format: 'cjs',
      target: 'node20',
      supported: { 'dynamic-import': false },
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'none',
    });
    writeFileSync(file.path, asciiOnly(cjs.code), { mode: 0o755 });
  }
  for (const old of readdirSync(outdir).filter((f) => BUNDLE_FILES.test(f))) rmSync(path.join(outdir, old));
  for (const made of readdirSync(stage)) renameSync(path.join(stage, made), path.join(outdir, made));
  rmSync(stage, { recursive: true, force: true });
}

/** Builds the whole CLI as one CommonJS file (the executables' script). */
export async function bundleOneFile(outfile) {
  const result = await build({ ...COMMON, outfile, format: 'cjs', write: false });
  writeFileSync(outfile, asciiOnly(result.outputFiles[0].text), { mode: 0o755 });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();

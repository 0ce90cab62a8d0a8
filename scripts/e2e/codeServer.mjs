// Starts and stops code-server (the real VS Code server and workbench) for
// one test run: throwaway user data, extensions and XDG folders, a short
// private TMPDIR for VS Code's IPC sockets, no marketplace, no telemetry, and
// its own process group so stopping it also ends its extension hosts and the
// language servers they started.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** User settings that keep a test workbench quiet, offline and deterministic. */
export const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'files.hotExit': 'off',
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * The folders of one run, created empty in a private directory under /tmp:
 * user data, extensions, XDG folders, TMPDIR, the browser profile and the
 * workspace copy. /tmp keeps paths short: VS Code and code-server put IPC
 * sockets in TMPDIR and in the user-data folder, and a socket path must stay
 * under about 100 characters, which a deep checkout would exceed.
 */
export function prepareRunDirs() {
  const root = mkdtempSync('/tmp/ir-e2e-');
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    xdgConfig: join(root, 'xdg', 'config'),
    xdgData: join(root, 'xdg', 'data'),
    xdgCache: join(root, 'xdg', 'cache'),
    tmp: join(root, 'tmp'),
    browser: join(root, 'browser'),
    workspace: join(root, 'workspace'),
  };
  for (const dir of Object.values(dirs)) {
    mkdirSync(dir, { recursive: true });
  }
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  return dirs;
}

/** Removes a run's directory (after its logs were copied to the artifacts). */
export function removeRunDirs(dirs) {
  rmSync(dirs.root, { recursive: true, force: true });
}

function environment(dirs) {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmp,
  };
}

/** Installs a VSIX into the run's extensions folder; returns code-server's output. */
export function installVsix(toolchain, dirs, vsixPath) {
  const result = spawnSync(
    toolchain.node,
    [toolchain.codeServer, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsixPath, '--force'],
    { encoding: 'utf8', env: environment(dirs) },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server could not install ${vsixPath} (exit status ${result.status}):\n${output}`);
  }
  return output;
}

/**
 * Starts code-server on a free port of 127.0.0.1 and resolves once it
 * listens. `logFile` receives its output. The returned `stop()` ends the whole
 * process group (it is also ended if this process exits first).
 */
export async function startCodeServer(toolchain, dirs, logFile) {
  const args = [
    toolchain.codeServer,
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time',
    '10',
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  // detached: the server leads a new process group (setsid), so one signal to
  // the group reaches the extension hosts and language servers it forks.
  const child = spawn(toolchain.node, args, { detached: true, env: environment(dirs), stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${START_TIMEOUT_MS / 1000} s. Its output:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      log.write(chunk);
      output += chunk.toString();
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (code ${code}, signal ${signal}) before it listened. Its output:\n${output}`));
    });
  }).catch((error) => {
    killGroup('SIGKILL');
    throw error;
  });

  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    /** `vscode-remote://` form of a server-side absolute path, as the URL payload wants it. */
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath}`,
    async stop() {
      killGroup('SIGTERM');
      const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        killGroup('SIGKILL');
      }
      // Extension hosts and language servers share the group: make sure none outlives the run.
      killGroup('SIGKILL');
      process.off('exit', onExit);
      log.end();
    },
  };
}

/**
 * The npm package of the CLI and the language server, as a user gets it:
 * `npm pack` in a clean copy of the sources (no dist/: `prepack` builds the
 * bundles) gives a tarball of exactly the allow-listed files; installed into
 * an empty prefix with no network and no dev dependencies, both commands work
 * on Node 20 and on Node 24. Then the README's "Use it in CI" workflow
 * (examples/ci/) is run step by step against that installation.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, suite, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../../common/diagnosticCodes';
import { startTestClient } from '../helpers/lspClient';
import { airflowRecord, pretty } from '../helpers/records';
import { readRepoFile, repoRoot } from '../helpers/text';
import { cleanEnv, node24 } from '../helpers/toolchain';

const manifest = JSON.parse(readRepoFile('package.json')) as { name: string; version: string; bin: Record<string, string>; files: string[] };

/** Build output, caches and local state: never part of a clean clone. */
const NOT_SOURCE = new Set(['.git', 'node_modules', 'dist', 'out', '.e2e', '.scratch', '.vscode-test', 'test-artifacts']);

/** A clean copy of the sources (what git tracks or would track), with the project's node_modules linked in as `npm ci` would install them. */
function cleanCopy(into: string): void {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot(), encoding: 'utf8' });
  assert.equal(git.status, 0, git.stderr);
  for (const file of git.stdout.split('\0').filter((f) => f && !NOT_SOURCE.has(f.split('/')[0]) && !f.endsWith('.vsix'))) {
    const from = path.join(repoRoot(), file);
    if (fs.existsSync(from) && fs.statSync(from).isFile()) {
      fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
      fs.copyFileSync(from, path.join(into, file));
    }
  }
  fs.symlinkSync(path.join(repoRoot(), 'node_modules'), path.join(into, 'node_modules'), 'dir');
}

/** Every module a bundle requires (a `require("…")` right after a quote is text, not a call). */
function requiredModules(source: string): string[] {
  return [...new Set([...source.matchAll(/(?<![\w$.'"`])require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]))].sort();
}

/** PATH with `node`'s folder first, so the bins' `#!/usr/bin/env node` runs that Node. */
function envWithNode(node: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cleanEnv({ PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1', ...extra });
}

suite('npm package', () => {
  let work: string;
  let tarball: string;
  let packed: { filename: string; files: { path: string }[] };
  let prefix: string;
  const bin = (name: string) => path.join(prefix, 'bin', name);
  const nodes = (): [string, string][] => [
    ['Node 20', process.execPath],
    ['Node 24', node24()],
  ];

  before(() => {
    work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ir-npm-package-')));
    const source = path.join(work, 'source');
    fs.mkdirSync(source);
    cleanCopy(source);
    assert.ok(!fs.existsSync(path.join(source, 'dist')), 'a clean copy has no bundles');
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, encoding: 'utf8', env: cleanEnv() });
    assert.equal(pack.status, 0, `npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
    [packed] = JSON.parse(pack.stdout);
    tarball = path.join(work, packed.filename);
    prefix = path.join(work, 'prefix');
    // --offline: the package needs nothing from the registry (its bundles carry their dependencies).
    const install = spawnSync('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { cwd: work, encoding: 'utf8', env: cleanEnv() });
    assert.equal(install.status, 0, `npm install of the tarball failed:\n${install.stdout}\n${install.stderr}`);
  });

  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('npm pack in a clean copy builds the bundles (prepack) and packs exactly the allow-listed files', () => {
    assert.deepEqual(packed.files.map((f) => f.path).sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli/incident-records.js',
      'dist/server/server.js',
      'package.json',
      'schemas/incident-record.schema.json',
      'schemas/incident-record.vocabulary.json',
      'schemas/incident-records-config.schema.json',
      'snippets/incident-json.code-snippets',
      'snippets/incident-jsonl.code-snippets',
    ]);
    const installed = path.join(prefix, 'lib', 'node_modules', manifest.name);
    const installedManifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.equal(installedManifest.dependencies, undefined, 'no runtime dependencies: the bundles carry them');
    assert.deepEqual(fs.readdirSync(path.join(installed)).sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json', 'schemas', 'snippets'], 'no node_modules was installed');
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const file of Object.values(manifest.bin)) {
      const source = fs.readFileSync(path.join(installed, file), 'utf8');
      assert.ok(source.startsWith('#!/usr/bin/env node\n'), `${file} is runnable`);
      assert.ok(!source.includes('sourceMappingURL'), `${file} is a production build`);
      assert.deepEqual(requiredModules(source).filter((m) => !builtins.has(m)), [], `${file} needs no package`);
    }
  });

  for (const [label, index] of [['Node 20', 0], ['Node 24', 1]] as const) {
    test(`incident-records lints on ${label}: exit status, diagnostics, SARIF`, () => {
      const [, node] = nodes()[index];
      const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
      assert.match(version, label === 'Node 20' ? /^v20\./ : /^v24\./);
      const env = envWithNode(node);
      assert.equal(spawnSync(bin('incident-records'), ['--version'], { encoding: 'utf8', env }).stdout, `${manifest.version}\n`);
      const result = spawnSync(bin('incident-records'), ['lint', '--format', 'json', 'examples'], { cwd: repoRoot(), encoding: 'utf8', env });
      assert.equal(result.status, 1, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.equal(report.summary.files, 6);
      assert.ok(report.files.find((f: { path: string }) => f.path.endsWith('dataset.incidents.jsonl')).diagnostics.some((d: { code: string }) => d.code === 'IR101'));
      const sarif = JSON.parse(spawnSync(bin('incident-records'), ['lint', '--format', 'sarif', 'examples'], { cwd: repoRoot(), encoding: 'utf8', env }).stdout);
      assert.equal(sarif.runs[0].tool.driver.rules.length, RULES.length);
      assert.match(sarif.runs[0].tool.driver.rules[11].help.markdown, /\*\*Checks\*\*/, 'the rules’ help is in the bundle');
    });

    test(`incident-records-language-server initializes over stdio on ${label} and checks a document`, async () => {
      const [, node] = nodes()[index];
      const client = await startTestClient({ command: { file: bin('incident-records-language-server'), args: ['--stdio'], env: envWithNode(node) } });
      try {
        assert.deepEqual(client.initializeResult.serverInfo, { name: 'incident-records-language-server', version: manifest.version });
        const uri = pathToFileURL(path.join(work, 'check.incident.json')).href;
        const record = airflowRecord();
        record.incident.severity = 'hgh';
        const published = client.diagnostics(uri);
        client.open(uri, 'incident-json', pretty(record));
        assert.deepEqual((await published).diagnostics.map((d) => d.code), ['IR004']);
      } finally {
        await client.stop();
      }
    });
  }

  suite('Use it in CI: the workflows of examples/ci, run step by step against the installed package', () => {
    interface Step {
      readonly name?: string;
      readonly uses?: string;
      readonly run?: string;
      readonly if?: string;
      readonly with?: Record<string, unknown>;
    }
    interface Workflow {
      readonly on: Record<string, unknown>;
      readonly permissions: Record<string, string>;
      readonly jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
    }
    const readWorkflow = (name: string): { text: string; workflow: Workflow } => {
      const text = readRepoFile('examples', 'ci', name);
      return { text, workflow: parseYaml(text) as Workflow };
    };

    /**
     * Runs a job's steps as GitHub's runner would on ubuntu-latest: `run`
     * steps in `bash --noprofile --norc -eo pipefail` in the checkout, a
     * failed step skipping the later ones unless their `if` holds after a
     * failure. `actions/checkout` is the files given, `actions/setup-node` the
     * Node 20 running this test, and `npm install --global incident-records@…`
     * installs the tarball under test (the package is not on the registry).
     * `actions/cache` restores its path from `cacheStore` (a folder standing
     * for GitHub's cache service) and, as its post step does, saves it there
     * when the job ends.
     */
    function runJob(workflow: Workflow, checkout: Record<string, string>, cacheStore?: string) {
      const workspace = fs.mkdtempSync(path.join(work, 'checkout-'));
      for (const [name, text] of Object.entries(checkout)) {
        fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
        fs.writeFileSync(path.join(workspace, name), text);
      }
      const runnerPrefix = fs.mkdtempSync(path.join(work, 'runner-prefix-'));
      const env = envWithNode(process.execPath, {
        PATH: `${path.join(runnerPrefix, 'bin')}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
        npm_config_prefix: runnerPrefix,
        GITHUB_ACTIONS: 'true',
      });
      const steps: { step: Step; status: number | 'skipped' | 'action'; stdout: string; stderr: string }[] = [];
      const cached: string[] = [];
      let failed = false;
      const [job] = Object.values(workflow.jobs);
      assert.equal(job['runs-on'], 'ubuntu-latest');
      for (const step of job.steps) {
        const runsAfterFailure = step.if?.replace(/\s+/g, '') === '${{!cancelled()}}' || step.if?.replace(/\s+/g, '') === '${{always()}}';
        if (failed && !runsAfterFailure) {
          steps.push({ step, status: 'skipped', stdout: '', stderr: '' });
          continue;
        }
        if (step.uses) {
          assert.match(step.uses, /^(actions\/checkout@v4|actions\/setup-node@v4|actions\/cache@v4|github\/codeql-action\/upload-sarif@v3)$/, `a known action: ${step.uses}`);
          if (step.uses.startsWith('actions/setup-node')) {
            assert.equal(String(step.with?.['node-version']), '20');
          }
          if (step.uses.startsWith('actions/cache')) {
            const cachePath = String(step.with?.path);
            assert.ok(step.with?.key && step.with['restore-keys'], 'a key per run, restored from the latest');
            cached.push(cachePath);
            if (cacheStore && fs.existsSync(path.join(cacheStore, cachePath))) {
              fs.cpSync(path.join(cacheStore, cachePath), path.join(workspace, cachePath), { recursive: true });
            }
          }
          steps.push({ step, status: 'action', stdout: '', stderr: '' });
          continue;
        }
        const script = step.run!.replace(`incident-records@${manifest.version}`, tarball);
        const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: workspace, encoding: 'utf8', env });
        steps.push({ step, status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr });
        failed ||= result.status !== 0;
      }
      for (const cachePath of cacheStore ? cached : []) {
        if (fs.existsSync(path.join(workspace, cachePath))) {
          fs.cpSync(path.join(workspace, cachePath), path.join(cacheStore!, cachePath), { recursive: true });
        }
      }
      return { workspace, steps, failed };
    }

    function checkoutOf(names: string[]): Record<string, string> {
      return Object.fromEntries(names.map((name) => [`data/${name}`, readRepoFile('examples', name)]));
    }
    const CLEAN = ['airflow.incident.json', 'database.incident.json', 'disk.incident.json', 'kubernetes.incident.json', 'spark.incident.json'];

    test('the workflow is the README’s, lints on push and pull request, and pins this version', () => {
      const readme = readRepoFile('README.md');
      for (const name of ['incident-records.yml', 'incident-records-annotations.yml']) {
        const { text, workflow } = readWorkflow(name);
        assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push']);
        assert.ok(text.includes(`npm install --global incident-records@${manifest.version}`), `${name} installs this version`);
        assert.ok(readme.includes(`examples/ci/${name}`), `the README points at examples/ci/${name}`);
      }
      const { text, workflow } = readWorkflow('incident-records.yml');
      assert.ok(readme.includes('```yaml\n' + text + '```'), 'the README shows the code-scanning workflow as it is');
      assert.equal(workflow.permissions['security-events'], 'write');
    });

    test('code scanning: a defective record fails the job, and the SARIF is written and uploaded anyway', () => {
      const { workflow } = readWorkflow('incident-records.yml');
      const { workspace, steps, failed } = runJob(workflow, checkoutOf([...CLEAN, 'dataset.incidents.jsonl']));
      assert.ok(failed, 'the job fails');
      const lint = steps.find((s) => s.step.name === 'Lint incident records')!;
      assert.equal(lint.status, 1, lint.stderr);
      const upload = steps.find((s) => s.step.uses?.startsWith('github/codeql-action/upload-sarif'))!;
      assert.equal(upload.status, 'action', 'the upload still runs after the failed lint');
      const sarif = JSON.parse(fs.readFileSync(path.join(workspace, String(upload.step.with?.sarif_file)), 'utf8'));
      assert.equal(sarif.version, '2.1.0');
      const uris = new Set(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => JSON.stringify(r.locations[0].physicalLocation.artifactLocation)));
      assert.deepEqual([...uris], [JSON.stringify({ uri: 'data/dataset.incidents.jsonl', uriBaseId: '%SRCROOT%' })], 'paths relative to the checkout');
    });

    test('code scanning: the lint cache is restored between runs, and the second run reports the same', () => {
      const { workflow } = readWorkflow('incident-records.yml');
      const lintStep = workflow.jobs.lint.steps.find((s) => s.name === 'Lint incident records')!;
      const cacheStep = workflow.jobs.lint.steps.find((s) => s.uses?.startsWith('actions/cache'))!;
      assert.ok(lintStep.run!.includes('--cache'), 'the lint keeps its cache');
      assert.equal(cacheStep.with?.path, '.incident-records-cache', 'the cache step keeps the file --cache writes');
      const store = fs.mkdtempSync(path.join(work, 'actions-cache-'));
      const checkout = checkoutOf([...CLEAN, 'dataset.incidents.jsonl']);
      const first = runJob(workflow, checkout, store);
      assert.ok(fs.existsSync(path.join(store, '.incident-records-cache')), 'the first run saves the cache');
      const second = runJob(workflow, checkout, store);
      const resultsOf = (run: ReturnType<typeof runJob>) => JSON.parse(fs.readFileSync(path.join(run.workspace, 'incident-records.sarif'), 'utf8')).runs[0].results;
      assert.ok(resultsOf(first).length > 0);
      assert.deepEqual(resultsOf(second), resultsOf(first));
      const secondLint = second.steps.find((s) => s.step.name === 'Lint incident records')!;
      assert.equal(secondLint.status, 1);
      assert.equal(secondLint.stderr, '', 'the restored cache is used quietly');
    });

    test('code scanning: clean records pass; with the baseline the comment describes, so does a legacy dataset', () => {
      const { workflow } = readWorkflow('incident-records.yml');
      const clean = runJob(workflow, checkoutOf(CLEAN));
      assert.equal(clean.failed, false, JSON.stringify(clean.steps.map((s) => [s.step.name ?? s.step.uses, s.status, s.stderr])));
      const legacy = checkoutOf([...CLEAN, 'dataset.incidents.jsonl']);
      // As the workflow's comment says: write the baseline once, commit it, lint with --baseline.
      const prepared = runJob({ ...workflow, jobs: { lint: { 'runs-on': 'ubuntu-latest', steps: [{ run: `npm install --global incident-records@${manifest.version}` }, { run: 'incident-records lint --write-baseline incident-records-baseline.json .' }] } } }, legacy);
      assert.equal(prepared.failed, false, JSON.stringify(prepared.steps.map((s) => s.stderr)));
      const baseline = fs.readFileSync(path.join(prepared.workspace, 'incident-records-baseline.json'), 'utf8');
      const steps = workflow.jobs.lint.steps.map((s) => (s.name === 'Lint incident records' ? { ...s, run: s.run!.replace('lint ', 'lint --baseline incident-records-baseline.json ') } : s));
      const gated = runJob({ ...workflow, jobs: { lint: { 'runs-on': 'ubuntu-latest', steps } } }, { ...legacy, 'incident-records-baseline.json': baseline });
      assert.equal(gated.failed, false, JSON.stringify(gated.steps.map((s) => [s.step.name ?? s.step.uses, s.status, s.stderr])));
    });

    test('without code scanning: --format github annotates the checkout’s files and fails the job', () => {
      const { workflow } = readWorkflow('incident-records-annotations.yml');
      const { steps, failed } = runJob(workflow, checkoutOf([...CLEAN, 'dataset.incidents.jsonl']));
      assert.ok(failed);
      const lint = steps.find((s) => s.step.name === 'Lint incident records')!;
      assert.equal(lint.status, 1);
      assert.match(lint.stdout, /^::error file=data\/dataset\.incidents\.jsonl,line=3,col=\d+,endLine=3,endColumn=\d+,title=IR101::/m);
      assert.match(lint.stdout, /problems \(\d+ errors?, \d+ warnings?, \d+ information\) in 6 files\.\n$/);
    });
  });
});

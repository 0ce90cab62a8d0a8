/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) with the real pre-commit
 * (Debian's package, installed by the toolchain): a temporary git repository
 * uses a clean clone of this repository as its hook source, with the
 * README's .pre-commit-config.yaml. pre-commit installs the hooks as it
 * would for any user (`language: node`: npm install, npm pack, whose prepack
 * builds the bundles, and a global install of the tarball into its own
 * environment), so this also proves that a clone with no dist/ gives a
 * working CLI. Everything pre-commit and git write stays in a temporary
 * folder (PRE_COMMIT_HOME, XDG folders, git configuration).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, suite, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { airflowRecord, databaseRecord, kubernetesRecord, line, pretty } from '../helpers/records';
import { readRepoFile, repoRoot } from '../helpers/text';
import { toolchain } from '../helpers/toolchain';

const manifest = JSON.parse(readRepoFile('package.json')) as { version: string };
const HOOK_REPO_URL = 'https://github.com/incident-records/incident-records';
const NOT_SOURCE = new Set(['.git', 'node_modules', 'dist', 'out', '.e2e', '.scratch', '.vscode-test', 'test-artifacts']);

/** The `yaml` block of the README's "Use it with pre-commit" section. */
function readmeConfig(): string {
  const readme = readRepoFile('README.md');
  const section = readme.slice(readme.indexOf('## Use it with pre-commit'));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  assert.ok(readme.includes('## Use it with pre-commit') && match, 'the README has the section and its snippet');
  return match[1];
}

suite('pre-commit hooks', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let project: string;

  const sh = (command: string, args: string[], cwd: string) => {
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
    assert.equal(result.error, undefined, `${command}: ${result.error?.message}`);
    return { status: result.status, output: result.stdout + result.stderr };
  };
  const git = (args: string[], cwd = project) => {
    const result = sh('git', args, cwd);
    assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.output}`);
    return result.output;
  };
  const commits = () => {
    const result = sh('git', ['rev-list', '--count', '--all'], project);
    return Number(result.output.trim() || 0);
  };
  const commit = (message: string) => sh('git', ['commit', '-m', message], project);

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ir-pre-commit-')));
    // pre-commit picks `language_version: system` when node and npm are on PATH: this Node first.
    env = toolchain<NodeJS.ProcessEnv>('preCommitEnv', path.join(root, 'home'), { PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` });
    const version = sh('pre-commit', ['--version'], root);
    assert.equal(version.status, 0, `pre-commit is not installed (npm test installs it: npm run toolchain): ${version.output}`);

    // The hook source: a clean clone of this repository as it is now (tracked and new files, no build output), tagged as the release.
    const source = path.join(root, 'incident-records');
    fs.mkdirSync(source);
    const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot(), encoding: 'utf8' });
    for (const file of files.stdout.split('\0').filter((f) => f && !NOT_SOURCE.has(f.split('/')[0]) && !f.endsWith('.vsix'))) {
      const from = path.join(repoRoot(), file);
      if (fs.existsSync(from) && fs.statSync(from).isFile()) {
        fs.mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
        fs.copyFileSync(from, path.join(source, file));
      }
    }
    git(['init', '--quiet'], source);
    git(['add', '--all'], source);
    git(['commit', '--quiet', '-m', 'Incident Records'], source);
    git(['tag', `v${manifest.version}`], source);

    // The project that uses the hooks, configured as the README says.
    project = path.join(root, 'project');
    fs.mkdirSync(project);
    git(['init', '--quiet']);
    const config = readmeConfig();
    assert.ok(config.includes(`repo: ${HOOK_REPO_URL}\n`) && config.includes(`rev: v${manifest.version}\n`), config);
    fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'), config.replace(HOOK_REPO_URL, source));
    const install = sh('pre-commit', ['install'], project);
    assert.equal(install.status, 0, install.output);
    git(['add', '.pre-commit-config.yaml']);
  });

  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('.pre-commit-hooks.yaml offers incident-records and incident-records-fix for *.incident.json and *.incident(s).jsonl', () => {
    const hooks = parseYaml(readRepoFile('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string; files: string }[];
    assert.deepEqual(hooks.map((h) => [h.id, h.entry, h.language]), [
      ['incident-records', 'incident-records lint', 'node'],
      ['incident-records-fix', 'incident-records lint --fix', 'node'],
    ]);
    for (const hook of hooks) {
      const files = new RegExp(hook.files);
      for (const name of ['a.incident.json', 'dir/b.incident.jsonl', 'c.incidents.jsonl']) {
        assert.ok(files.test(name), `${hook.id} matches ${name}`);
      }
      for (const name of ['a.json', 'incident.json', 'b.jsonl', 'c.incidents.json', 'd.incident.json.bak']) {
        assert.ok(!files.test(name), `${hook.id} leaves ${name} alone`);
      }
    }
  });

  test('a record with an error blocks the commit and prints the diagnostic; other files are not checked', () => {
    const broken = kubernetesRecord();
    delete broken.incident.metadata.namespace; // IR131, no automatic fix
    const text = pretty(broken);
    fs.mkdirSync(path.join(project, 'records'));
    fs.writeFileSync(path.join(project, 'records', 'pod.incident.json'), text);
    fs.writeFileSync(path.join(project, 'notes.json'), '{ not json');
    git(['add', '--all']);
    const result = commit('Add a broken record');
    assert.notEqual(result.status, 0, result.output);
    assert.match(result.output, /incident-records lint\.+Failed/);
    const metadataLine = text.split('\n').findIndex((l) => l.includes('"metadata"'));
    assert.match(result.output, new RegExp(`records/pod\\.incident\\.json:${metadataLine + 1}:\\d+: error IR131 `));
    assert.doesNotMatch(result.output, /notes\.json/);
    assert.equal(commits(), 0, 'nothing was committed');
    assert.ok(fs.readdirSync(env.PRE_COMMIT_HOME!).some((name) => name.startsWith('repo')), 'pre-commit installed the hooks in its own store');
  });

  test('clean records commit', () => {
    fs.writeFileSync(path.join(project, 'records', 'pod.incident.json'), pretty(kubernetesRecord()));
    fs.writeFileSync(path.join(project, 'records', 'db.incidents.jsonl'), line(databaseRecord()) + '\n' + line(airflowRecord()) + '\n');
    git(['add', '--all']);
    const result = commit('Add clean records');
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /incident-records lint\.+Passed/);
    assert.equal(commits(), 1);
  });

  test('incident-records-fix rewrites the record and fails the commit once; staged again, it passes', () => {
    // As the README says: incident-records-fix instead of incident-records.
    const config = fs.readFileSync(path.join(project, '.pre-commit-config.yaml'), 'utf8');
    assert.match(config, /- id: incident-records\n/);
    fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'), config.replace('- id: incident-records\n', '- id: incident-records-fix\n'));
    const record = databaseRecord();
    record.incident.severity = 'hgh'; // IR004, safely fixed to "high"
    record.incident.title = 'Orders API exhausted its connection pool again';
    const file = path.join(project, 'records', 'orders.incident.json');
    fs.writeFileSync(file, pretty(record));
    git(['add', '--all']);

    const first = commit('Add a record with a misspelt severity');
    assert.notEqual(first.status, 0, first.output);
    assert.match(first.output, /incident-records lint --fix\.+Failed/);
    assert.match(first.output, /files were modified by this hook/);
    assert.match(first.output, /records\/orders\.incident\.json: applied 1 fix\./);
    assert.equal(fs.readFileSync(file, 'utf8'), pretty({ ...record, incident: { ...record.incident, severity: 'high' } }), 'the fix, and nothing else, is in the file');
    assert.equal(commits(), 1, 'not committed');

    git(['add', '--all']);
    const second = commit('Add a record with a misspelt severity, fixed');
    assert.equal(second.status, 0, second.output);
    assert.match(second.output, /incident-records lint --fix\.+Passed/);
    assert.equal(commits(), 2);
  });
});

/**
 * The extension manifest (package.json) has what a published extension needs,
 * and its contributions are consistent: activation only on the product's
 * languages, commands with categories, settings with types, defaults and
 * descriptions, and paths that point at files the build writes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { CLIENT_BUNDLE } from '../../common/bundles';
import { repoRoot } from '../helpers/text';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const manifest: Json = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
const LANGUAGES = ['incident-json', 'incident-jsonl'];
const TIMELINE_VIEW_TYPE = 'incidentRecords.timeline';

/** The Marketplace's categories (VS Code's extension manifest schema). */
const MARKETPLACE_CATEGORIES = new Set([
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
]);

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function versionOf(range: string): number[] {
  const match = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(range);
  assert.ok(match, `"${range}" is not a plain or caret version`);
  return match.slice(1).map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

suite('extension manifest', () => {
  test('has the identity and listing fields of a published extension', () => {
    assert.equal(manifest.name, 'incident-records');
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/);
    assert.match(manifest.version, /^\d+\.\d+\.\d+(-[\w.]+)?$/);
    assert.ok(manifest.displayName?.length > 0 && manifest.displayName.length <= 50, 'displayName: 1–50 characters');
    assert.ok(manifest.description?.length >= 40, 'description: a sentence that says what it does');
    assert.ok(manifest.license, 'license');
    assert.match(manifest.repository?.url, /^https:\/\/.+\.git$/);
    assert.ok(Array.isArray(manifest.categories) && manifest.categories.length > 0);
    for (const category of manifest.categories) {
      assert.ok(MARKETPLACE_CATEGORIES.has(category), `"${category}" is not a Marketplace category`);
    }
    assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length > 0 && manifest.keywords.length <= 30, 'keywords: 1–30 (the Marketplace limit)');
  });

  test('has a square PNG icon of at least 128 × 128 pixels', () => {
    const icon = path.join(repoRoot(), manifest.icon);
    const { width, height } = pngSize(icon);
    assert.equal(width, height, 'the icon must be square');
    assert.ok(width >= 128, `the icon is ${width} px wide; the Marketplace wants at least 128`);
  });

  test('engines.vscode is a caret range no older than the @types/vscode the code is written against', () => {
    const engine = versionOf(manifest.engines.vscode);
    const types = versionOf(manifest.devDependencies['@types/vscode']);
    assert.ok(manifest.engines.vscode.startsWith('^'));
    assert.ok(compareVersions(types, engine) <= 0, `@types/vscode ${types.join('.')} is newer than engines.vscode ${engine.join('.')}: the API used may not exist there`);
  });

  test('declares how it behaves in untrusted and virtual workspaces', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
    assert.ok([true, false, 'limited'].includes(untrustedWorkspaces.supported));
    if (untrustedWorkspaces.supported === 'limited') {
      assert.ok(untrustedWorkspaces.description?.length > 0, 'a limited untrusted-workspace support needs a description');
    }
    assert.ok(virtualWorkspaces !== undefined, 'capabilities.virtualWorkspaces');
  });

  test('activates only on its own languages and on restoring its timeline panel', () => {
    assert.equal(manifest.main, `./${CLIENT_BUNDLE}`);
    const languages = manifest.contributes.languages.map((language: Json) => language.id);
    assert.deepEqual(languages.sort(), [...LANGUAGES].sort());
    assert.deepEqual([...manifest.activationEvents].sort(), [...LANGUAGES.map((id) => `onLanguage:${id}`), `onWebviewPanel:${TIMELINE_VIEW_TYPE}`, 'onWebviewPanel:incidentRecords.datasetView'].sort());
  });

  test('maps its languages to file names, a grammar and snippets that exist', () => {
    const root = repoRoot();
    for (const language of manifest.contributes.languages) {
      assert.ok(language.extensions?.length || language.filenamePatterns?.length, `${language.id} has no file names`);
      assert.ok(fs.existsSync(path.join(root, language.configuration)), `${language.configuration} is missing`);
    }
    for (const contribution of [...manifest.contributes.grammars, ...manifest.contributes.snippets]) {
      assert.ok(LANGUAGES.includes(contribution.language), `${contribution.path} is for ${contribution.language}`);
      assert.ok(fs.existsSync(path.join(root, contribution.path)), `${contribution.path} is missing`);
    }
  });

  test('gives every command a title and the product category, and menus name only contributed commands', () => {
    const commands = manifest.contributes.commands as Json[];
    const ids = new Set(commands.map((command) => command.command));
    for (const command of commands) {
      assert.match(command.command, /^incidentRecords\.[a-z][A-Za-z]+$/);
      assert.ok(command.title?.length > 0, `${command.command} has no title`);
      assert.equal(command.category, 'Incident Records', `${command.command} has no category`);
    }
    for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, Json[]>)) {
      for (const entry of entries) {
        assert.ok(ids.has(entry.command), `menu ${menu} names ${entry.command}, which is not a contributed command`);
      }
    }
  });

  test('gives every setting a type, a default of that type, a scope and a description', () => {
    const properties = Object.entries(manifest.contributes.configuration.properties as Record<string, Json>);
    assert.ok(properties.length > 0);
    for (const [key, setting] of properties) {
      assert.match(key, /^incidentRecords(\.[a-z][A-Za-z]*)+$/);
      assert.ok(['string', 'boolean', 'number', 'integer', 'array', 'object'].includes(setting.type), `${key}: type`);
      assert.ok('default' in setting, `${key}: default`);
      const actual = Array.isArray(setting.default) ? 'array' : setting.default === null ? 'null' : typeof setting.default;
      const expected = setting.type === 'integer' ? 'number' : setting.type;
      assert.equal(actual, expected, `${key}: the default is a ${actual}, the type says ${setting.type}`);
      assert.ok((setting.markdownDescription ?? setting.description)?.length > 0, `${key}: description`);
      assert.ok(['application', 'machine', 'window', 'resource', 'language-overridable', 'machine-overridable'].includes(setting.scope), `${key}: scope`);
      if (setting.enum) {
        assert.ok(setting.enum.includes(setting.default), `${key}: the default is not one of its enum values`);
        assert.equal(setting.enumDescriptions?.length, setting.enum.length, `${key}: one enumDescription per enum value`);
      }
    }
  });
});

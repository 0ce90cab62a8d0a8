/**
 * Finds the `.incident-records.json` that applies to a file (in its folder or
 * the nearest parent) and caches parsed configs until they are invalidated.
 * File access goes through a small interface so the server and the CLI share
 * this code and tests can use an in-memory file system.
 */
import * as path from 'node:path';
import { CONFIG_FILE_NAME, ProjectConfig, parseConfig } from './config';

export interface ConfigFileSystem {
  /** The file's text, or undefined when it does not exist. Throws when it exists but cannot be read. */
  readFile(filePath: string): string | undefined;
  /** A signature of the file's version (modification time and size), undefined when it does not exist; used to re-read a baseline only when it changed. */
  version?(filePath: string): string | undefined;
}

export class ConfigLoader {
  /** Parsed config by config path; `null` caches "no file here". */
  private readonly byPath = new Map<string, ProjectConfig | null>();
  /** Config path by folder; `null` when no config applies. */
  private readonly byFolder = new Map<string, string | null>();

  constructor(private readonly fs: ConfigFileSystem) {}

  /** The config for a file, or undefined when none applies. */
  configFor(filePath: string): ProjectConfig | undefined {
    const folder = path.dirname(path.resolve(filePath));
    const configPath = this.findFrom(folder);
    return configPath ? (this.load(configPath) ?? undefined) : undefined;
  }

  /** Loads a config file given explicitly (CLI `--config`); throws when it cannot be read. */
  loadExplicit(configPath: string): ProjectConfig {
    const absolute = path.resolve(configPath);
    const text = this.fs.readFile(absolute);
    if (text === undefined) {
      throw new Error(`configuration file not found: ${configPath}`);
    }
    const config = parseConfig(text, absolute);
    this.byPath.set(absolute, config);
    return config;
  }

  /** Forgets everything (a config file was created, changed or deleted). */
  invalidate(): void {
    this.byPath.clear();
    this.byFolder.clear();
  }

  private findFrom(folder: string): string | null {
    const visited: string[] = [];
    let current = folder;
    let found: string | null = null;
    for (;;) {
      const cached = this.byFolder.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const candidate = path.join(current, CONFIG_FILE_NAME);
      if (this.load(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) {
        break;
      }
      current = parent;
    }
    for (const v of visited) {
      this.byFolder.set(v, found);
    }
    return found;
  }

  private load(configPath: string): ProjectConfig | null {
    const cached = this.byPath.get(configPath);
    if (cached !== undefined) {
      return cached;
    }
    let config: ProjectConfig | null;
    try {
      const text = this.fs.readFile(configPath);
      config = text === undefined ? null : parseConfig(text, configPath);
    } catch (error) {
      config = {
        path: configPath,
        baseDir: path.dirname(configPath).replace(/\\/g, '/'),
        rules: new Map(),
        overrides: [],
        problems: [{ message: `Cannot read the configuration: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, start: 0, end: 0 }],
      };
    }
    this.byPath.set(configPath, config);
    return config;
  }
}

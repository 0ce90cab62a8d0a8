/**
 * What the server needs from its platform: timers, file access for the
 * configuration, and its version. The server core takes it as a parameter.
 */
import * as fs from 'node:fs';
import { ConfigFileSystem } from '../service/config/configLoader';
import { CheckPool, defaultPoolSize } from './checkPool';

declare const __PRODUCT_VERSION__: string | undefined;

export interface Runtime {
  readonly version: string;
  readonly fs: ConfigFileSystem;
  setTimeout(callback: () => void, ms: number): { dispose(): void };
  setImmediate(callback: () => void): { dispose(): void };
  /**
   * Worker threads that check batches of records (`size` 0: the available
   * parallelism); undefined where there are none, or `size` is 1.
   */
  createCheckPool?(size: number): CheckPool | undefined;
}

export const nodeFileSystem: ConfigFileSystem = {
  readFile(filePath: string): string | undefined {
    try {
      return fs.readFileSync(filePath, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        return undefined;
      }
      throw error;
    }
  },
  version(filePath: string): string | undefined {
    try {
      const stat = fs.statSync(filePath);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return undefined;
    }
  },
};

export const nodeRuntime: Runtime = {
  version: typeof __PRODUCT_VERSION__ === 'string' ? __PRODUCT_VERSION__ : '0.0.0-dev',
  fs: nodeFileSystem,
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    return { dispose: () => clearTimeout(handle) };
  },
  setImmediate(callback) {
    const handle = setImmediate(callback);
    return { dispose: () => clearImmediate(handle) };
  },
  createCheckPool(size) {
    const threads = size === 0 ? defaultPoolSize() : size;
    // The bundle this runs in (the server's) is also the worker: see runCheckWorkerIfWorker.
    return threads > 1 ? new CheckPool(__filename, threads) : undefined;
  },
};

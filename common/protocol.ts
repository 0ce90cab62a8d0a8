/**
 * Custom LSP messages between the extension (client) and the language
 * server, declared once and imported by both. Only
 * `vscode-languageserver-protocol` types here; no `vscode`.
 */

/** Initialization options the client sends in `initialize`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted; an untrusted workspace's config may only lower severities. */
  readonly workspaceTrusted?: boolean;
}

/** Server-side settings under `incidentRecords.*`, normalised with defaults. */
export interface ServerSettings {
  readonly validateEnable: boolean;
  readonly inlayHintsEnable: boolean;
  readonly codeLensEnable: boolean;
  readonly maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  validateEnable: true,
  inlayHintsEnable: true,
  codeLensEnable: true,
  maxFileSizeMB: 200,
};

/** Normalises raw `incidentRecords` settings (any shape) into `ServerSettings`. */
export function normaliseSettings(raw: unknown): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const sub = (name: string): Record<string, unknown> => {
    const value = section[name];
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  };
  const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
  const size = sub('limits').maxFileSizeMB;
  return {
    validateEnable: bool(sub('validate').enable, DEFAULT_SETTINGS.validateEnable),
    inlayHintsEnable: bool(sub('inlayHints').enable, DEFAULT_SETTINGS.inlayHintsEnable),
    codeLensEnable: bool(sub('codeLens').enable, DEFAULT_SETTINGS.codeLensEnable),
    maxFileSizeMB: typeof size === 'number' && Number.isFinite(size) && size >= 1 ? size : DEFAULT_SETTINGS.maxFileSizeMB,
  };
}

/** Client → server: the workspace's trust changed (it can only become trusted). */
export const WorkspaceTrustNotification = 'incidentRecords/workspaceTrusted';

/**
 * Messages between the timeline webview and the extension, as discriminated
 * unions on `type`. Every message names the document it is about (`uri`), so
 * a message that arrives after the panel switched documents is recognised
 * and dropped. Types only: the webview bundle shares this file.
 */
import type { Position } from 'vscode-languageserver-types';
import type { TimelineModel } from './timeline';

/** Extension → webview: draw this timeline. */
export interface TimelineMessage {
  readonly type: 'timeline';
  readonly uri: string;
  readonly model: TimelineModel;
}

/** Extension → webview: there is nothing to draw, and why (shown to the user). */
export interface EmptyMessage {
  readonly type: 'empty';
  readonly uri: string;
  readonly reason: string;
}

export type ToWebviewMessage = TimelineMessage | EmptyMessage;

/** Webview → extension: the script is running; `uri` is the document of the restored state, if any. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly uri?: string;
}

/**
 * Webview → extension: reveal and select an action's JSON in the editor
 * (entry clicked, or Enter/Space on it), or a problem's range (an item of
 * the problems list): one of `actionIndex` and `problemIndex`.
 */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly uri: string;
  /** The model the entry was drawn from: the extension re-reads the record when the document changed since. */
  readonly version: number;
  readonly recordIndex: number;
  readonly actionIndex?: number;
  /** Index in the model's `problems`. */
  readonly problemIndex?: number;
}

/** Webview → extension: copy the shown timeline as a Markdown table. */
export interface CopyMarkdownMessage {
  readonly type: 'copyMarkdown';
  readonly uri: string;
}

export type FromWebviewMessage = ReadyMessage | RevealMessage | CopyMarkdownMessage;

/**
 * What the webview keeps with `setState`: VS Code hands it to the panel
 * serializer after a reload, and back to the webview script, so the preview
 * comes back on the same record at the same scroll position.
 */
export interface TimelineWebviewState {
  readonly uri: string;
  /** The position the preview was opened or last moved to (the record's start). */
  readonly anchor?: Position;
  readonly model?: TimelineModel;
  readonly scrollY?: number;
}

/**
 * The rules' documentation, shipped inside the extension (docs/rules.md), so
 * it opens offline: "Show documentation for <code>" (a code action of every
 * diagnostic) shows the rule's section in the Markdown preview, and each
 * diagnostic's code links to the same section of the file.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { ShowRuleDocumentationCommand } from '../../common/protocol';

const RULES_DOC = ['docs', 'rules.md'];

/** 0-based line of each rule's heading (`## IR162 parameter-name`). */
function headingLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    const match = /^## (IR\d{3}) /.exec(line);
    if (match) {
      lines.set(match[1], i);
    }
  });
  return lines;
}

export class RuleDocumentation implements vscode.Disposable {
  private lines: Map<string, number> | undefined;
  private readonly disposable: vscode.Disposable;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposable = vscode.commands.registerCommand(ShowRuleDocumentationCommand, (code: unknown) => this.show(typeof code === 'string' ? code : undefined));
  }

  get uri(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, ...RULES_DOC);
  }

  private async headings(): Promise<Map<string, number>> {
    if (!this.lines) {
      const bytes = await vscode.workspace.fs.readFile(this.uri);
      this.lines = headingLines(new TextDecoder().decode(bytes));
    }
    return this.lines;
  }

  /** Opens the rule's section: the file at its heading, then the Markdown preview of it, which follows the editor's position. */
  async show(code: string | undefined): Promise<void> {
    const line = code ? (await this.headings()).get(code) : undefined;
    const position = new vscode.Position(line ?? 0, 0);
    const editor = await vscode.window.showTextDocument(this.uri, { selection: new vscode.Range(position, position), preview: true });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('markdown.showPreview', this.uri);
  }

  /**
   * Points each diagnostic's code at the bundled file, at the rule's heading
   * (`…/docs/rules.md#L640`), instead of a web page that is unreachable offline.
   */
  middleware(): Middleware {
    return {
      handleDiagnostics: (uri, diagnostics, next) => {
        const lines = this.lines;
        if (!lines) {
          void this.headings().then(() => undefined);
        }
        for (const d of diagnostics) {
          const code = typeof d.code === 'object' ? d.code.value : d.code;
          const line = lines?.get(String(code));
          if (typeof code === 'string' && line !== undefined) {
            d.code = { value: code, target: this.uri.with({ fragment: `L${line + 1}` }) };
          }
        }
        next(uri, diagnostics);
      },
    };
  }

  /** Reads the headings before the first diagnostics arrive. */
  async load(): Promise<void> {
    await this.headings().catch(() => undefined);
  }

  dispose(): void {
    this.disposable.dispose();
  }
}

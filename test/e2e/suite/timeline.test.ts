/**
 * The timeline preview: its commands open the extension's webview panel
 * (viewType incidentRecords.timeline) for the record in the active editor.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, timelineTabs, waitUntil } from './helpers';

suite('timeline preview', () => {
  test('"Open Timeline Preview to the Side" opens the timeline webview beside the record', async () => {
    const editor = await openFixture('orders-etl.incident.json');
    await vscode.commands.executeCommand('incidentRecords.showTimelineToSide');
    const [opened] = await waitUntil('a timeline webview tab to open', () => {
      const tabs = timelineTabs();
      return tabs.length > 0 && tabs;
    });
    assert.notEqual(opened.group.viewColumn, editor.viewColumn, 'the preview should open beside the editor, not replace it');
    assert.ok(opened.tab.label.length > 0, 'the timeline tab has no title');
  });

  test('"Open Timeline Preview" opens the webview for a JSON Lines record too', async () => {
    const before = timelineTabs().length;
    await openFixture('nightly.incident.jsonl');
    await vscode.commands.executeCommand('incidentRecords.showTimeline');
    // Either a new panel opened, or the existing one was revealed as the active tab.
    await waitUntil('a timeline webview tab for the JSON Lines record', () => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return timelineTabs().length > before || timelineTabs().some(({ tab }) => tab === active);
    });
  });
});

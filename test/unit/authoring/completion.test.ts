import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { InsertTextFormat, InsertTextMode, MarkupContent } from 'vscode-languageserver-types';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, line, pretty, sparkRecord } from '../../helpers/records';
import { caret, rangeOf } from '../../helpers/text';
import { accept, completionsAt, freshDocument, item, labels, newText, sorted } from './editing';

const NOW = Date.parse('2024-08-03T12:30:00Z');
const service = getIncidentService({ now: () => NOW });

async function complete(marked: string, format: 'json' | 'jsonl' = 'json') {
  const { text, offset } = caret(marked);
  return { text, offset, items: sorted(await completionsAt(service, text, offset, format)) };
}

/** A kubernetes record whose second action is being written: `{ "action": "|" }`. */
function kubernetesWithNewAction(): string {
  const record = kubernetesRecord();
  record.actions_taken[1] = { action: '' };
  return pretty(record).replace('"action": ""', '"action": "|"');
}

const documentation = (completion: { documentation?: string | MarkupContent }): string =>
  typeof completion.documentation === 'string' ? completion.documentation : (completion.documentation?.value ?? '');

suite('authoring: action type completion', () => {
  test('offers the service family first, then System, then other families marked', async () => {
    const { items } = await complete(kubernetesWithNewAction());
    assert.deepEqual(labels(items).slice(0, 10), [
      '"restart_pod"',
      '"scale_deployment"',
      '"update_resource_limits"',
      '"drain_node"',
      '"apply_pod_disruption_budget"',
      '"restart_service"',
      '"clean_disk_space"',
      '"rotate_logs"',
      '"kill_process"',
      '"scale_resources"',
    ]);
    assert.equal(items.length, 26, 'the whole catalogue, others last');
    assert.equal(item(items, '"restart_pod"').labelDetails?.description, 'Kubernetes');
    assert.equal(item(items, '"rotate_logs"').labelDetails?.description, 'System');
    assert.equal(item(items, '"clear_dag_run"').labelDetails?.description, 'Airflow · not for kubernetes');
    assert.match(documentation(item(items, '"clear_dag_run"')), /Not an action of kubernetes records.*IR206/);
  });

  test('restart_pod inserts its parameters pre-filled from the metadata, a result and a timestamp after the previous action', async () => {
    const { text, items } = await complete(kubernetesWithNewAction());
    const restart = item(items, '"restart_pod"');
    assert.equal(
      newText(restart),
      [
        '"restart_pod",',
        '      "parameters": {',
        '        "namespace": "checkout",',
        '        "pod_name": "checkout-api-7d9f8b6c5-x2k4p"',
        '      },',
        '      "result": "${1|success,failed,partial_success|}",',
        '      "timestamp": "${2:2024-07-20T09:13:00Z}"',
      ].join('\n'),
    );
    assert.deepEqual(restart.textEdit && 'range' in restart.textEdit && restart.textEdit.range, rangeOf(text, '""'));
    assert.equal(restart.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(restart.insertTextMode, InsertTextMode.asIs);
    assert.equal(restart.filterText, '"restart_pod"');
    const docs = documentation(restart);
    assert.match(docs, /\*\*restart_pod\*\* · Kubernetes action/);
    assert.match(docs, /\| `pod_name` \| string \| yes \| Pod to restart/);
    assert.match(docs, /Pre-filled from the record: `namespace` ← incident.metadata.namespace, `pod_name` ← incident.metadata.pod_name/);
  });

  test('pre-filled values come from this record, and missing ones become tab stops', async () => {
    const record = kubernetesRecord();
    record.incident.metadata.namespace = 'payments';
    delete record.incident.metadata.pod_name;
    record.actions_taken[1] = { action: '' };
    const { items } = await complete(pretty(record).replace('"action": ""', '"action": "|"'));
    const text = newText(item(items, '"restart_pod"'));
    assert.match(text, /"namespace": "payments",\n {8}"pod_name": "\$\{1:checkout-api-7d9f8b6c5-x2k4p\}"/);
    assert.match(text, /"result": "\$\{2\|success,failed,partial_success\|\}"/);
  });

  test('clear_dag_run fills dag_id and dag_run_id; kill_spark_application fills application_id', async () => {
    const airflow = airflowRecord();
    airflow.incident.metadata.dag_id = 'finance_close';
    airflow.incident.metadata.dag_run_id = 'manual__2024-03-14T09:12:44+00:00';
    airflow.actions_taken = [{ action: '' }];
    let { items } = await complete(pretty(airflow).replace('"action": ""', '"action": "|"'));
    assert.equal(labels(items)[0], '"clear_dag_run"');
    assert.match(newText(items[0]), /"dag_id": "finance_close",\n {8}"dag_run_id": "manual__2024-03-14T09:12:44\+00:00"\n {6}\}/);
    assert.match(newText(items[0]), /"timestamp": "\$\{2:2024-08-03T12:30:00Z\}"/, 'the first action defaults to now');

    const spark = sparkRecord();
    spark.actions_taken.push({ action: 'kill_' });
    ({ items } = await complete(pretty(spark).replace('"action": "kill_"', '"action": "kill_|"')));
    assert.match(newText(item(items, '"kill_spark_application"')), /^"kill_spark_application",\n {6}"parameters": \{\n {8}"application_id": "application_1710400000000_0042"\n {6}\}/);
  });

  test('only the members the action lacks are added after the type', async () => {
    const record = databaseRecord();
    record.actions_taken[1] = { action: '', result: 'success', timestamp: '2024-05-02T14:21:30Z' };
    const { items } = await complete(pretty(record).replace('"action": ""', '"action": "|"'));
    assert.equal(
      newText(item(items, '"scale_connection_pool"')),
      '"scale_connection_pool",\n      "parameters": {\n        "connection_pool_name": "orders-api-pool",\n        "max_connections": ${1:60}\n      }',
      'the new max_connections is not the current one: a tab stop with the schema example, not the record value 100',
    );
  });

  test('a new item of actions_taken is a whole action; in a disk record System actions come first', async () => {
    const record = diskRecord();
    const marked = pretty(record).replace('"actions_taken": [\n', '"actions_taken": [\n    |\n');
    const { text, items } = await complete(marked);
    assert.deepEqual(labels(items).slice(0, 5), ['restart_service', 'clean_disk_space', 'rotate_logs', 'kill_process', 'scale_resources']);
    const clean = item(items, 'clean_disk_space');
    assert.equal(
      newText(clean),
      [
        '{',
        '      "action": "clean_disk_space",',
        '      "parameters": {',
        '        "server_hostname": "web-17.prod.internal",',
        '        "filesystem_path": "/var"',
        '      },',
        '      "result": "${1|success,failed,partial_success|}",',
        '      "timestamp": "${2:2024-08-03T12:04:00Z}"',
        '    },',
      ].join('\n'),
      'a comma before the action that follows, a minute before it',
    );
    const after = accept(text, clean, { 1: 'success' }).text;
    assert.equal(JSON.parse(after).actions_taken.length, 3);
  });

  test('after the last action, a comma is added after it', async () => {
    const text = pretty(diskRecord());
    const end = text.indexOf('}', text.indexOf('"2024-08-03T12:20:00Z"')) + 1;
    const marked = `${text.slice(0, end)}\n    |${text.slice(end)}`;
    const { items } = await complete(marked);
    const rotate = item(items, 'rotate_logs');
    assert.deepEqual(rotate.additionalTextEdits, [{ range: { start: positionOf(text, end), end: positionOf(text, end) }, newText: ',' }]);
    assert.match(newText(rotate), /"timestamp": "\$\{2:2024-08-03T12:21:00Z\}"\n {4}\}$/);
    const after = accept(caret(marked).text, rotate, { 1: 'success' }).text;
    assert.equal(JSON.parse(after).actions_taken[2].action, 'rotate_logs');
  });

  test('improved_action_sequence offers action types, the service family first', async () => {
    const marked = pretty(sparkRecord()).replace('"improved_action_sequence": [\n        "kill_spark_application",', '"improved_action_sequence": [\n        "|",');
    const { items } = await complete(marked);
    assert.deepEqual(labels(items).slice(0, 4), ['"kill_spark_application"', '"adjust_spark_config"', '"restart_spark_job"', '"scale_spark_cluster"']);
    assert.equal(newText(items[0]), '"kill_spark_application"');
  });
});

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

suite('authoring: value completion', () => {
  test('incident.service offers the five services and fills an empty metadata with the chosen skeleton', async () => {
    const record = airflowRecord();
    record.incident.service = '';
    record.incident.metadata = {};
    const marked = pretty(record).replace('"service": ""', '"service": "|"');
    const { text, items } = await complete(marked);
    assert.deepEqual(labels(items), ['"airflow"', '"database"', '"spark"', '"kubernetes"', '"disk"']);
    const disk = item(items, '"disk"');
    assert.equal(disk.labelDetails?.description, '+ metadata skeleton');
    assert.match(documentation(disk), /\*\*disk\*\* — disk\/storage issues/);
    assert.match(documentation(disk), /Actions: System\./);
    const after = JSON.parse(accept(text, disk).text);
    assert.equal(after.incident.service, 'disk');
    assert.deepEqual(Object.keys(after.incident.metadata), ['server_hostname', 'filesystem_path', 'filesystem_type', 'total_size_gb', 'used_size_gb', 'available_size_gb', 'usage_percentage', 'inode_usage_percentage', 'error_details']);
    assert.match(accept(text, disk).text, /\n {4}"metadata": \{\n {6}"server_hostname": "web-prod-03.internal",\n/, 'indented like the record');
  });

  test('a service with metadata already written leaves it alone', async () => {
    const { items } = await complete(pretty(airflowRecord()).replace('"service": "airflow"', '"service": "air|flow"'));
    assert.equal(item(items, '"airflow"').additionalTextEdits, undefined);
  });

  test('enum values come with what each one means', async () => {
    let { items } = await complete(pretty(airflowRecord()).replace('"severity": "high"', '"severity": "|"'));
    assert.deepEqual(labels(items), ['"low"', '"medium"', '"high"', '"critical"']);
    ({ items } = await complete(pretty(airflowRecord()).replace('"state": "running"', '"state": |')));
    assert.deepEqual(labels(items), ['"running"', '"failed"', '"success"', '"upstream_failed"']);
    assert.equal(items[0].labelDetails?.description, 'stuck or slower than expected');
    assert.equal(newText(items[3]), '"upstream_failed"');
    assert.match(documentation(items[3]), /\*\*upstream_failed\*\* — an upstream task failed, so this one never ran/);
  });

  test('timestamps: a minute after the previous action, or now', async () => {
    const { items } = await complete(pretty(airflowRecord()).replace('"timestamp": "2024-03-14T05:09:45Z"', '"timestamp": "|"'));
    assert.deepEqual(labels(items), ['"2024-03-14T05:03:10Z"', '"2024-08-03T12:30:00Z"']);
    assert.deepEqual(items.map((i) => i.labelDetails?.description), ['1 min after the previous action', 'now']);
  });

  test('a timestamp written with an offset keeps its offset', async () => {
    const record = airflowRecord();
    record.actions_taken[0].timestamp = '2024-03-14T07:02:10+02:00';
    const { items } = await complete(pretty(record).replace('"timestamp": "2024-03-14T05:09:45Z"', '"timestamp": "|"'));
    assert.equal(items[0].label, '"2024-03-14T07:03:10+02:00"');
  });

  test('a parameter value proposes the record value first', async () => {
    const record = kubernetesRecord();
    const marked = pretty(record).replace('"pod_name": "checkout-api-7d9f8b6c5-x2k4p"\n      }', '"pod_name": |\n      }');
    const { items } = await complete(marked);
    assert.equal(items[0].label, '"checkout-api-7d9f8b6c5-x2k4p"');
    assert.equal(items[0].labelDetails?.description, 'from incident.metadata.pod_name');
  });
});

suite('authoring: typing inside a value', () => {
  test('prose being typed gets no proposals; a parameter still gets the record value', async () => {
    let { items } = await complete(pretty(airflowRecord()).replace('"title": "Nightly billing', '"title": "Nightly |billing'));
    assert.deepEqual(items, [], 'no examples popping up while a title is typed');
    ({ items } = await complete(pretty(kubernetesRecord()).replace('"pod_name": "checkout-api-7d9f8b6c5-x2k4p"\n      }', '"pod_name": "chec|"\n      }')));
    assert.deepEqual(labels(items), ['"checkout-api-7d9f8b6c5-x2k4p"']);
  });
});

suite('authoring: property completion', () => {
  test('metadata properties are those of the record service, required and guideline ones first', async () => {
    const record = airflowRecord();
    delete record.incident.metadata.task_id;
    delete record.incident.metadata.state;
    const marked = pretty(record).replace('"dag_run_id": "scheduled__2024-03-14T02:00:00+00:00",\n', '"dag_run_id": "scheduled__2024-03-14T02:00:00+00:00",\n      |\n');
    const { items } = await complete(marked);
    assert.deepEqual(labels(items), ['task_id', 'state']);
    assert.equal(newText(items[0]), '"task_id": "${1:load_orders_to_warehouse}",');
    assert.equal(newText(items[1]), '"state": "${1|running,failed,success,upstream_failed|}",');
    assert.match(documentation(items[0]), /Guideline \(DAG issues, 2\): capture task context/);
  });

  test('a kubernetes metadata never offers airflow fields', async () => {
    const record = kubernetesRecord();
    delete record.incident.metadata.node_name;
    const marked = pretty(record).replace('"service_name": "checkout-api",\n', '"service_name": "checkout-api",\n      |\n');
    const { items } = await complete(marked);
    assert.deepEqual(labels(items), ['node_name']);
  });

  test('an empty metadata offers the whole skeleton of the service first', async () => {
    const record = sparkRecord();
    record.incident.metadata = {};
    const marked = pretty(record).replace('"metadata": {}', '"metadata": {|}');
    const { text, items } = await complete(marked);
    assert.equal(items[0].label, 'spark metadata');
    assert.equal(items[0].labelDetails?.description, 'all 8 fields');
    assert.ok(newText(items[0]).startsWith('\n      "application_id": "${1:application_1710400000000_0042}",\n      "application_name": "${2:'));
    const after = JSON.parse(accept(text, items[0]).text);
    assert.deepEqual(Object.keys(after.incident.metadata.resource_config), ['executor_memory', 'executor_cores', 'num_executors', 'driver_memory']);
  });

  test('completing an object inserts its required properties together', async () => {
    const record = sparkRecord();
    delete record.learning_feedback.failure_analysis;
    const { items } = await complete(pretty(record).replace('"knowledge_base_updated": true,\n', '"knowledge_base_updated": true,\n    |\n'));
    assert.equal(
      newText(item(items, 'failure_analysis')),
      '"failure_analysis": {\n      "root_cause": "${1:Root cause of the incident, or of why the actions did not resolve it}",\n      "recommended_escalation": "${2:Whom to escalate to next time and when}"\n    },',
    );
  });

  test('a missing learning_feedback is inserted with its four required scores and flag', async () => {
    const record = databaseRecord();
    delete record.learning_feedback;
    const text = pretty(record);
    const end = text.lastIndexOf(']') + 1;
    const marked = `${text.slice(0, end)},\n  |${text.slice(end)}`;
    const { items } = await complete(marked);
    assert.deepEqual(labels(items), ['learning_feedback', '$schema']);
    assert.equal(
      newText(items[0]),
      '"learning_feedback": {\n    "confidence_score": ${1:0.82},\n    "pattern_match_strength": ${2:0.76},\n    "resolution_effectiveness": ${3:0.9},\n    "knowledge_base_updated": ${4|true,false|}\n  }',
    );
  });

  test('a key typed on a new line after a member without a comma gets the comma', async () => {
    const record = kubernetesRecord();
    delete record.actions_taken[1].timestamp;
    const text = pretty(record);
    const end = text.indexOf('"result": "success"', text.indexOf('"restart_pod"')) + '"result": "success"'.length;
    const marked = `${text.slice(0, end)}\n      "ti|"${text.slice(end)}`;
    const { text: withKey, items } = await complete(marked);
    assert.deepEqual(labels(items), ['timestamp', 'error']);
    const timestamp = item(items, 'timestamp');
    assert.equal(newText(timestamp), '"timestamp": "${1:2024-07-20T09:13:00Z}"');
    assert.equal(timestamp.filterText, '"timestamp"');
    assert.deepEqual(timestamp.additionalTextEdits, [{ range: { start: positionOf(text, end), end: positionOf(text, end) }, newText: ',' }]);
    const after = JSON.parse(accept(withKey, timestamp).text);
    assert.equal(after.actions_taken[1].timestamp, '2024-07-20T09:13:00Z');
  });

  test('the action key opens the list of types right away', async () => {
    const record = kubernetesRecord();
    record.actions_taken[1] = {};
    const { items } = await complete(pretty(record).replace('{}', '{|}'));
    const action = item(items, 'action');
    assert.equal(newText(action), '\n      "action": "$1"\n    ');
    assert.equal(action.command?.command, 'editor.action.triggerSuggest');
  });
});

suite('authoring: completion in JSON Lines and without snippet support', () => {
  test('each line is its own record, and completions stay on the line', async () => {
    const airflow = airflowRecord();
    const kubernetes = kubernetesRecord();
    kubernetes.actions_taken[1] = { action: '' };
    const marked = [line(airflow), line(kubernetes).replace('"action":""', '"action":"|"'), ''].join('\n');
    const { text, items } = await complete(marked, 'jsonl');
    assert.equal(items[0].label, '"restart_pod"');
    assert.equal(
      newText(items[0]),
      '"restart_pod","parameters":{"namespace":"checkout","pod_name":"checkout-api-7d9f8b6c5-x2k4p"},"result":"${1|success,failed,partial_success|}","timestamp":"${2:2024-07-20T09:13:00Z}"',
    );
    const range = items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.range : undefined;
    assert.equal(range?.start.line, 1);
    const after = accept(text, items[0], { 1: 'success' }, 'jsonl').text.split('\n');
    assert.equal(after.length, 3);
    assert.equal(JSON.parse(after[1]).actions_taken[1].parameters.pod_name, 'checkout-api-7d9f8b6c5-x2k4p');
  });

  test('a new action in a JSON Lines record is one line', async () => {
    const record = diskRecord();
    record.actions_taken = [];
    const marked = line(record).replace('"actions_taken":[]', '"actions_taken":[|]');
    const { items } = await complete(marked, 'jsonl');
    assert.equal(
      newText(item(items, 'clean_disk_space')),
      '{"action":"clean_disk_space","parameters":{"server_hostname":"web-17.prod.internal","filesystem_path":"/var"},"result":"${1|success,failed,partial_success|}","timestamp":"${2:2024-08-03T12:30:00Z}"}',
    );
  });

  test('without snippet support the defaults are inserted as plain text', async () => {
    const plain = getIncidentService({ now: () => NOW, clientCapabilities: { textDocument: { completion: { completionItem: {} } } } });
    const { text, offset } = caret(kubernetesWithNewAction());
    const items = await completionsAt(plain, text, offset);
    const restart = item(items, '"restart_pod"');
    assert.equal(restart.insertTextFormat, InsertTextFormat.PlainText);
    assert.doesNotMatch(newText(restart), /\$/);
    assert.match(newText(restart), /"result": "success",\n {6}"timestamp": "2024-07-20T09:13:00Z"$/);
  });
});

suite('authoring: half-written text', () => {
  const FRAGMENTS: [string, 'json' | 'jsonl'][] = [
    ['{', 'json'],
    ['{"incident": {"service": "spark", "metadata": {', 'json'],
    ['{"incident": {"service": "airflow", "metadata": {"dag_id": "x"}}, "actions_taken": [{"action": "clear_dag_run", "parameters": {"dag_id": ', 'json'],
    ['[{"incident": {"title": "a"}}, {"actions_taken": [{"timestamp": "2024-01-01T00:00:00Z"}, {"timestamp": "', 'json'],
    ['{"actions_taken": [{"action": "restart_pod" "result": "success",, }]}', 'json'],
    ['{"incident": {"service": "disk"}}\n\n{"incident": {"service": "k8s", "metadata": {"pod_name": 3}}, "resolution_time": "12"}\n{"a"', 'jsonl'],
  ];

  test('no position of a broken record makes completion or hover fail', async () => {
    for (const [text, format] of FRAGMENTS) {
      for (let offset = 0; offset <= text.length; offset++) {
        const document = freshDocument(text, format);
        const position = document.positionAt(offset);
        await assert.doesNotReject(async () => {
          await service.complete(document, position);
          await service.hover(document, position);
        }, `at ${offset} of ${JSON.stringify(text)}`);
      }
    }
  });
});

suite('authoring: warm-up', () => {
  test('the server warm-up completes and hovers on its own record, and completion of documents works after it', async () => {
    const fresh = getIncidentService({ now: () => NOW });
    await fresh.warmUp();
    const { text, offset } = caret(pretty(airflowRecord()).replace('"severity": "high"', '"severity": "|"'));
    const offered = labels(await completionsAt(fresh, text, offset, 'json'));
    for (const severity of ['"low"', '"medium"', '"high"', '"critical"']) {
      assert.ok(offered.includes(severity), `${severity} in ${offered.join(', ')}`);
    }
  });
});

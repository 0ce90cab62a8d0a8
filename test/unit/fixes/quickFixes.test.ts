import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { JsonRecord, airflowRecord, databaseRecord, diskRecord, kubernetesRecord, sparkRecord } from '../../helpers/records';
import { VARIANTS, Variant, applyFix, assertWellBehaved, fixedByFixAll, write } from './fixHarness';

interface Case {
  readonly name: string;
  readonly code: string;
  readonly make: () => JsonRecord;
  /** Which of the offered actions to apply (default: the preferred one). */
  readonly title?: RegExp;
  readonly titleIs: string;
  /** Whether fix-all and `lint --fix` apply it. */
  readonly safe: boolean;
  /** The placeholder leaves the same diagnostic asking for the blank value to be filled in (`data.empty`). */
  readonly leavesBlank?: boolean;
  /** The edits' new text in the pretty (2-space, LF) file. */
  readonly pretty: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'IR002 inserts a missing enum as a choice of its values, in schema order',
    code: 'IR002',
    make: () => {
      const r = airflowRecord();
      delete r.incident.severity;
      return r;
    },
    titleIs: 'Insert the missing property "severity"',
    safe: false,
    pretty: [',\n    "severity": "low"'],
  },
  {
    name: 'IR002 inserts a missing object as its required skeleton',
    code: 'IR002',
    make: () => {
      const r = kubernetesRecord();
      delete r.learning_feedback;
      return r;
    },
    titleIs: 'Insert the missing property "learning_feedback"',
    safe: false,
    pretty: [
      ',\n  "learning_feedback": {\n    "confidence_score": 0,\n    "pattern_match_strength": 0,\n    "resolution_effectiveness": 0,\n    "knowledge_base_updated": false\n  }',
    ],
  },
  {
    name: 'IR002 fills missing action parameters from the metadata',
    code: 'IR002',
    make: () => {
      const r = kubernetesRecord();
      delete r.actions_taken[1].parameters;
      return r;
    },
    titleIs: 'Insert the missing property "parameters"',
    safe: false,
    pretty: [',\n      "parameters": {\n        "namespace": "checkout",\n        "pod_name": "checkout-api-7d9f8b6c5-x2k4p"\n      }'],
  },
  {
    name: 'IR003 unquotes a quoted number',
    code: 'IR003',
    make: () => ({ ...airflowRecord(), resolution_time: '1260' }),
    titleIs: 'Convert to a number',
    safe: true,
    pretty: ['1260'],
  },
  {
    name: 'IR003 unquotes a quoted boolean',
    code: 'IR003',
    make: () => ({ ...diskRecord(), success: 'true' }),
    titleIs: 'Convert to a boolean',
    safe: true,
    pretty: ['true'],
  },
  {
    name: 'IR003 quotes a number where a string is expected, digits as written',
    code: 'IR003',
    make: () => {
      const r = sparkRecord();
      r.incident.metadata.executor_id = 7;
      return r;
    },
    titleIs: 'Convert to a string',
    safe: true,
    pretty: ['"7"'],
  },
  {
    name: 'IR003 wraps a single tag in a list',
    code: 'IR003',
    make: () => {
      const r = databaseRecord();
      r.incident.tags = 'postgres';
      return r;
    },
    titleIs: 'Wrap the value in a list',
    safe: true,
    pretty: ['["postgres"]'],
  },
  {
    name: 'IR004 replaces a misspelt enum value with the closest allowed one',
    code: 'IR004',
    make: () => {
      const r = airflowRecord();
      r.incident.severity = 'hgh';
      return r;
    },
    titleIs: 'Change to "high"',
    safe: true,
    pretty: ['"high"'],
  },
  {
    name: 'IR004 fixes an action result',
    code: 'IR004',
    make: () => {
      const r = databaseRecord();
      r.actions_taken[1].result = 'sucess';
      return r;
    },
    titleIs: 'Change to "success"',
    safe: true,
    pretty: ['"success"'],
  },
  {
    name: 'IR007 renames an unknown property to the close known name',
    code: 'IR007',
    make: () => {
      const r = airflowRecord();
      const metadata = r.incident.metadata;
      r.incident.metadata = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k === 'expected_duration_seconds' ? 'expected_duration_secs' : k, v]));
      return r;
    },
    titleIs: 'Rename the property to "expected_duration_seconds"',
    safe: true,
    pretty: ['"expected_duration_seconds"'],
  },
  {
    name: 'IR008 replaces a misspelt service',
    code: 'IR008',
    make: () => {
      const r = databaseRecord();
      r.incident.service = 'databse';
      return r;
    },
    titleIs: 'Change to "database"',
    safe: true,
    pretty: ['"database"'],
  },
  {
    name: 'IR009 replaces a misspelt action type',
    code: 'IR009',
    make: () => {
      const r = kubernetesRecord();
      r.actions_taken[1].action = 'restart_pods';
      return r;
    },
    titleIs: 'Change to "restart_pod"',
    safe: true,
    pretty: ['"restart_pod"'],
  },
  {
    name: 'IR101 inserts dag_run_id derived from execution_date',
    code: 'IR101',
    make: () => {
      const r = airflowRecord();
      delete r.incident.metadata.dag_run_id;
      return r;
    },
    titleIs: 'Insert dag_run_id "scheduled__2024-03-14T02:00:00+00:00"',
    safe: true,
    pretty: [',\n      "dag_run_id": "scheduled__2024-03-14T02:00:00+00:00"'],
  },
  {
    name: 'IR102 inserts placeholders for the task context, creating error_details fields',
    code: 'IR102',
    make: () => {
      const r = airflowRecord();
      delete r.incident.metadata.task_id;
      delete r.incident.metadata.error_details.task_dependencies;
      return r;
    },
    titleIs: 'Insert placeholders for task_id, task_dependencies',
    safe: false,
    pretty: [',\n      "task_id": ""', ',\n        "task_dependencies": []'],
  },
  {
    name: 'IR111 inserts the whole pool configuration when it is missing',
    code: 'IR111',
    make: () => {
      const r = databaseRecord();
      delete r.incident.metadata.pool_config;
      return r;
    },
    titleIs: 'Insert placeholders for max_connections, current_active, current_idle, wait_queue_size, connection_timeout',
    safe: false,
    pretty: [
      ',\n      "pool_config": {\n        "max_connections": 0,\n        "current_active": 0,\n        "current_idle": 0,\n        "wait_queue_size": 0,\n        "connection_timeout": 0\n      }',
    ],
  },
  {
    name: 'IR122 completes the resource configuration',
    code: 'IR122',
    make: () => {
      const r = sparkRecord();
      delete r.incident.metadata.resource_config.num_executors;
      return r;
    },
    titleIs: 'Insert placeholders for num_executors',
    safe: false,
    pretty: [',\n        "num_executors": 0'],
  },
  {
    name: 'IR112 masks the password of a connection string, keeping user, host, port, database and options',
    code: 'IR112',
    make: () => {
      const r = databaseRecord();
      r.incident.metadata.error_details.connection_string = 'postgresql://orders_api:Xk9vQ2mT7pLs@orders-db-primary.prod.internal:5432/orders?sslmode=require';
      return r;
    },
    titleIs: 'Mask the password in the connection string',
    safe: true,
    pretty: ['***'],
  },
  {
    name: 'IR301 redacts a credential inside a log excerpt, keeping the rest of the string',
    code: 'IR301',
    make: () => {
      const r = airflowRecord();
      r.incident.metadata.error_details.worker_log_excerpt = 'Using AWS key AKIA2E0A8F3B244C9986 for s3://billing-exports — upload failed: SlowDown';
      return r;
    },
    titleIs: 'Redact the secret',
    safe: true,
    pretty: ['***'],
  },
  {
    name: 'IR301 masks a value that is a secret because of its key',
    code: 'IR301',
    make: () => {
      const r = databaseRecord();
      r.actions_taken[2].parameters.password = 'Summer2024!';
      return r;
    },
    titleIs: 'Redact the secret',
    safe: true,
    pretty: ['***'],
  },
  {
    name: 'IR201 inserts a failure analysis skeleton',
    code: 'IR201',
    make: () => {
      const r = sparkRecord();
      delete r.learning_feedback.failure_analysis;
      return r;
    },
    titleIs: 'Insert a failure analysis to fill in',
    safe: false,
    pretty: [',\n    "failure_analysis": {\n      "root_cause": "",\n      "recommended_escalation": ""\n    }'],
  },
  {
    name: 'IR202 removes an unexpected failure analysis with its comma',
    code: 'IR202',
    make: () => {
      const r = airflowRecord();
      r.learning_feedback.failure_analysis = { root_cause: 'Zombie task after worker SIGTERM', recommended_escalation: 'data-platform on-call' };
      return r;
    },
    titleIs: 'Remove the failure analysis',
    safe: true,
    pretty: [''],
  },
  {
    name: 'IR203 inserts an error into a failed action, after its result',
    code: 'IR203',
    make: () => {
      const r = sparkRecord();
      delete r.actions_taken[1].error;
      return r;
    },
    titleIs: 'Insert the error this action reported',
    safe: false,
    leavesBlank: true,
    pretty: [',\n      "error": ""'],
  },
  {
    name: 'IR204 sorts the actions by timestamp',
    code: 'IR204',
    make: () => {
      const r = airflowRecord();
      r.actions_taken = [r.actions_taken[2], r.actions_taken[0], r.actions_taken[1]];
      return r;
    },
    titleIs: 'Sort the actions by timestamp',
    safe: true,
    pretty: [],
  },
  {
    name: 'IR208 recomputes usage_percentage',
    code: 'IR208',
    make: () => {
      const r = diskRecord();
      r.incident.metadata.usage_percentage = 69;
      return r;
    },
    titleIs: 'Set usage_percentage to 96 (used / total × 100)',
    safe: true,
    pretty: ['96'],
  },
];

for (const c of CASES) {
  suite(c.name, () => {
    for (const variant of VARIANTS) {
      test(`${variant}: diagnostic gone, still parses, bytes outside the edit kept, fix-all idempotent`, () => {
        const written = write(c.make(), variant as Variant);
        const applied = applyFix(written, c.code, c.title);
        assert.equal(applied.action.title, c.titleIs);
        assert.equal(applied.action.isPreferred, true);
        assertWellBehaved(written, applied, { leavesBlank: c.leavesBlank });
        assert.equal(fixedByFixAll(written, applied.diagnostic), c.safe, c.safe ? 'fix-all applies it' : 'fix-all leaves it to a human');
        if (variant === 'pretty' && c.pretty.length) {
          assert.deepEqual(applied.edits.map((e) => e.newText), c.pretty);
        }
      });
    }
  });
}

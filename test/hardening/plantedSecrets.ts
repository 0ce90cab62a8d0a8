/**
 * Ten distinct, realistic secrets of different kinds, planted in records of
 * every service and in every kind of field: free text (titles,
 * descriptions, log excerpts, action errors), parameters, property names,
 * enum-valued fields (severity, service, action), unknown properties,
 * wrong-type values, connection strings and a property named `password`.
 */
import { airflowRecord, databaseRecord, diskRecord, JsonRecord, kubernetesRecord, sparkRecord } from '../helpers/records';

/** Each secret as it must never appear in output (the secret part itself). */
export const SECRETS = {
  urlPassword: 'Vq8kLm2Rt9zW',
  jdbcPassword: 'Jx7pQw2Lz9Nc',
  adoPassword: 'Hm4tRq8Wz2vB',
  awsKeyId: 'AKIAQ3EGRT5YHN7KZWPD',
  awsSecret: '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',
  githubToken: 'ghp_R7tK2mQ9xL4vN8pZ3wB6yC1dF5gH0jS2uE4a',
  slackToken: 'xoxb-2451938472-8472930184756-Tq7LmZ2pXr9VkW4nB8yC6dFa',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvcHMtYm90IiwiaWF0IjoxNzEwNDAwMDAwfQ.Qm9Vx3kT8pL2wZ7rN4yB1cD6fG9hJ0sA5uE2iO3tK8m',
  privateKeyBody: 'MIIEowIBAAKCAQEAx9Kp2Lm7Qr4Tz8Wv1Nb6Yc3Hd5Jf0GsXa2Ue7Ri9Op4Lk8Mn1Bv6Cx3Zq5Wt2Ys9Ed',
  logPassword: 'Zk3vR8qT1wXy',
  passwordProperty: 'Lp5nW2qR7xTs',
} as const;

/** Each secret in the realistic text it is planted as. */
export const PLANTED = {
  url: `postgres://svc_billing:${SECRETS.urlPassword}@db-prod-01.internal:5432/billing`,
  jdbc: `jdbc:mysql://db-02.internal:3306/orders?user=orders_rw&password=${SECRETS.jdbcPassword}`,
  ado: `Server=tcp:sql-prod.database.windows.net,1433;Database=payments;User ID=pay_app;Password=${SECRETS.adoPassword};Encrypt=True;`,
  aws: `export AWS_ACCESS_KEY_ID=${SECRETS.awsKeyId} AWS_SECRET_ACCESS_KEY=${SECRETS.awsSecret}`,
  github: SECRETS.githubToken,
  slack: SECRETS.slackToken,
  jwt: `Authorization: Bearer ${SECRETS.jwt}`,
  privateKey: `-----BEGIN RSA PRIVATE KEY-----\n${SECRETS.privateKeyBody}\n-----END RSA PRIVATE KEY-----`,
  log: `2024-03-14 02:41:17,512 ERROR db.auth - login failed for user=etl password=${SECRETS.logPassword} host=10.2.3.4`,
  passwordValue: SECRETS.passwordProperty,
} as const;

const TEXTS = [PLANTED.url, PLANTED.jdbc, PLANTED.ado, PLANTED.aws, PLANTED.github, PLANTED.slack, PLANTED.jwt, PLANTED.privateKey, PLANTED.log];

/** The i-th planted text, rotating, so each record carries a different mix. */
const text = (i: number): string => TEXTS[i % TEXTS.length];

/** Plants secrets in every kind of field of one record (`n` rotates which secret goes where). */
function plant(record: JsonRecord, n: number): JsonRecord {
  const incident = record.incident;
  const metadata = incident.metadata;
  const actions = record.actions_taken;
  incident.title = `${incident.title} — token ${text(n)}`;
  incident.description = `${incident.description} The on-call pasted: ${text(n + 1)}`;
  metadata.error_details = { ...(metadata.error_details ?? {}), worker_log_excerpt: text(n + 2), message: text(n + 3) };
  actions[0].error = `Retry failed: ${text(n + 4)}`;
  actions[0].result = 'failed';
  actions[0].parameters = { ...actions[0].parameters, api_key: SECRETS.awsSecret, token: text(n + 5) };
  metadata[text(n + 6).slice(0, 60)] = 'pasted by mistake'; // a property named with a secret
  metadata.password = PLANTED.passwordValue;
  metadata.notes = 42; // wrong type in an unknown property
  incident.severity = SECRETS.slackToken; // enum-valued field
  record.resolution_time = SECRETS.githubToken; // a number field holding a string
  record.success = PLANTED.passwordValue; // a boolean field holding a string
  if (actions[1]) {
    actions[1].action = SECRETS.githubToken; // action type
  }
  return record;
}

/** One record per service with secrets everywhere; the disk record's service itself is a secret. */
export function plantedRecords(): JsonRecord[] {
  const records = [airflowRecord(), databaseRecord(), sparkRecord(), kubernetesRecord(), diskRecord()].map(plant);
  records[1].incident.metadata.connection_string = PLANTED.url;
  records[1].incident.metadata.affected_services = ['orders', PLANTED.ado];
  records[3].incident.metadata.connection_string = PLANTED.jdbc;
  records[4].incident.service = SECRETS.awsKeyId;
  return records;
}

/** The planted secrets found in `output` (empty when nothing leaked). */
export function leaks(output: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, secret]) => output.includes(secret) || output.includes(JSON.stringify(secret).slice(1, -1)))
    .map(([name]) => name);
}

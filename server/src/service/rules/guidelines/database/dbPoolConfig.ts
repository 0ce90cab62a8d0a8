/**
 * IR111 db-pool-config: a database record should name the client connection
 * pool and give its full configuration: `connection_pool_name` and every
 * `pool_config` field (`max_connections`, `current_active`, `current_idle`,
 * `wait_queue_size`, `connection_timeout`).
 *
 * Why: the seed's guideline for database issues, "Specify exact connection
 * details including pool configuration". Pool exhaustion, leaks and slow
 * servers look alike until active, idle and waiting connections are compared
 * with the pool's maximum. `pool_config` is optional in the schema, so a
 * record without it is reported here, once, listing every missing field.
 *
 * Bad:  `"pool_config": { "max_connections": 100 }`
 * Good: `"pool_config": { "max_connections": 100, "current_active": 100, "current_idle": 0, "wait_queue_size": 240, "connection_timeout": 30 }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [
  field('connection_pool_name'),
  field('pool_config.max_connections'),
  field('pool_config.current_active'),
  field('pool_config.current_idle'),
  field('pool_config.wait_queue_size'),
  field('pool_config.connection_timeout'),
];

export const dbPoolConfig: RecordRule = {
  code: 'IR111',
  services: ['database'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR111',
      FIELDS,
      (names, it) =>
        `Database record lacks ${names}: add ${it} so pool exhaustion can be told apart from a slow or unreachable server (guideline: specify exact connection details including pool configuration).`,
    );
  },
};

/** A team's own action type and parameter alias, as `.incident-records.json` declares them (the `actions` section). */
export const TEAM_CONFIG = {
  actions: {
    types: {
      failover_database: {
        family: 'database',
        description: 'Promote the replica and repoint the pool at it.',
        parameters: {
          database_host: { type: 'string', description: 'Primary that failed.', target: true, aliases: ['primary_host'] },
          replica_host: { type: 'string', description: 'Replica to promote.' },
          timeout_seconds: { type: 'number', description: 'How long to wait for the promotion.' },
        },
      },
    },
    aliases: { server_hostname: ['box'] },
  },
};

/**
 * IR141 disk-usage: a disk record should give the filesystem's usage in full:
 * `total_size_gb`, `used_size_gb`, `available_size_gb` and
 * `usage_percentage`.
 *
 * Why: the seed's guideline for all incidents, "Resource state - memory,
 * CPU, disk usage at time of incident". How much to free, and whether
 * cleaning can be enough, follows from these numbers (IR208 checks that they
 * agree with each other).
 *
 * Bad:  `"metadata": { "server_hostname": "web-17.prod.internal", "usage_percentage": 96 }`
 * Good: `"metadata": { "total_size_gb": 500, "used_size_gb": 480, "available_size_gb": 20, "usage_percentage": 96, … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('total_size_gb'), field('used_size_gb'), field('available_size_gb'), field('usage_percentage')];

export const diskUsage: RecordRule = {
  code: 'IR141',
  services: ['disk'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR141',
      FIELDS,
      (names, it) =>
        `Disk record lacks ${names}: add ${it} so the agent knows how much space to free (guideline: resource state - memory, CPU, disk usage at time of incident).`,
    );
  },
};

/**
 * IR132 k8s-resources: a kubernetes record should give the container's
 * resource state: `error_details.resource_limits`,
 * `error_details.resource_requests` and `error_details.current_usage`
 * (an empty object counts as missing).
 *
 * Why: the seed's guideline for all incidents, "Resource state - memory,
 * CPU, disk usage at time of incident". An OOMKill or throttling is judged
 * by usage against limits and requests.
 *
 * Bad:  `"error_details": { "reason": "OOMKilled", "resource_limits": {} }`
 * Good: `"error_details": { "resource_limits": { "memory": "512Mi" }, "resource_requests": { "memory": "256Mi" }, "current_usage": { "memory": "509Mi" }, … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('error_details.resource_limits'), field('error_details.resource_requests'), field('error_details.current_usage')];

export const k8sResources: RecordRule = {
  code: 'IR132',
  services: ['kubernetes'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR132',
      FIELDS,
      (names, it) =>
        `Kubernetes record lacks ${names}: add ${it} (memory and cpu) so usage can be compared with limits and requests (guideline: resource state - memory, CPU, disk usage at time of incident).`,
    );
  },
};

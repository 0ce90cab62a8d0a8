/**
 * IR131 k8s-target: a kubernetes record must name the pod it is about:
 * `namespace` and `pod_name`.
 *
 * Why: the seed's guideline for all incidents, "Environmental information -
 * server, cluster, namespace details", and the precise targeting every
 * service's guidelines ask for: `restart_pod` and the other Kubernetes
 * actions address a pod by namespace and name.
 *
 * Bad:  `"metadata": { "deployment_name": "checkout-api" }`
 * Good: `"metadata": { "namespace": "checkout", "pod_name": "checkout-api-7d9f8b6c5-x2k4p", … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('namespace'), field('pod_name')];

export const k8sTarget: RecordRule = {
  code: 'IR131',
  services: ['kubernetes'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR131',
      FIELDS,
      (names, it) =>
        `Kubernetes record lacks ${names}: add ${it} so the agent can target the exact pod (guideline: environmental information - server, cluster, namespace details).`,
    );
  },
};

/**
 * The guidelines rules, one per file, in catalogue order. They turn the
 * seed's "Data Collection Guidelines" into checks; each service's rules run
 * only on that service's records, IR151 on every record.
 */
import type { RecordRule } from '../ruleTypes';
import { airflowRunId } from './airflow/airflowRunId';
import { airflowTaskContext } from './airflow/airflowTaskContext';
import { airflowTiming } from './airflow/airflowTiming';
import { airflowWorker } from './airflow/airflowWorker';
import { dbAffectedServices } from './database/dbAffectedServices';
import { dbConnectionStringMissing } from './database/dbConnectionStringMissing';
import { dbPoolConfig } from './database/dbPoolConfig';
import { dbTiming } from './database/dbTiming';
import { diskGrowth } from './disk/diskGrowth';
import { diskUsage } from './disk/diskUsage';
import { actionTargetMissing } from './actions/actionTargetMissing';
import { parameterName } from './actions/parameterName';
import { errorContext } from './errorContext';
import { k8sResources } from './kubernetes/k8sResources';
import { k8sTarget } from './kubernetes/k8sTarget';
import { sparkDataContext } from './spark/sparkDataContext';
import { sparkIds } from './spark/sparkIds';
import { sparkMetrics } from './spark/sparkMetrics';
import { sparkResources } from './spark/sparkResources';

export const GUIDELINES_RULES: readonly RecordRule[] = [
  airflowRunId, // IR101
  airflowTaskContext, // IR102
  airflowTiming, // IR103
  airflowWorker, // IR104
  dbPoolConfig, // IR111
  dbConnectionStringMissing, // IR113
  dbAffectedServices, // IR114
  dbTiming, // IR115
  sparkIds, // IR121
  sparkResources, // IR122
  sparkDataContext, // IR123
  sparkMetrics, // IR124
  k8sTarget, // IR131
  k8sResources, // IR132
  diskUsage, // IR141
  diskGrowth, // IR142
  errorContext, // IR151
  actionTargetMissing, // IR161
  parameterName, // IR162
];

/**
 * Realistic, clean records of each service, as plain objects. Tests copy one,
 * change what they test, and serialise it. Each one is clean under every rule.
 */

/** Records are loosely typed on purpose: tests reach into them to break things. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonRecord = Record<string, any>;

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function airflowRecord(): JsonRecord {
  return clone({
    incident: {
      title: 'Nightly billing DAG stuck on load_invoices',
      description: 'The billing_nightly run for 2024-03-14 stayed in running state for 3 hours; load_invoices lost its worker heartbeat.',
      service: 'airflow',
      severity: 'high',
      tags: ['billing', 'airflow', 'zombie-task'],
      metadata: {
        dag_id: 'billing_nightly',
        dag_run_id: 'scheduled__2024-03-14T02:00:00+00:00',
        task_id: 'load_invoices',
        execution_date: '2024-03-14T02:00:00+00:00',
        state: 'running',
        duration_seconds: 10840,
        expected_duration_seconds: 2700,
        airflow_instance: 'airflow-prod-sched-01.internal',
        error_details: {
          last_heartbeat: '2024-03-14T02:41:17+00:00',
          worker_log_excerpt: 'airflow.exceptions.AirflowException: Task received SIGTERM signal',
          retry_count: 1,
          max_retries: 3,
          task_dependencies: ['extract_invoices', 'validate_invoices'],
          downstream_tasks_affected: ['publish_ledger', 'notify_finance'],
        },
      },
    },
    outcome: 'resolved',
    resolution_time: 1260,
    success: true,
    actions_taken: [
      {
        action: 'clear_dag_run',
        parameters: { dag_id: 'billing_nightly', dag_run_id: 'scheduled__2024-03-14T02:00:00+00:00' },
        result: 'failed',
        error: 'Task instance load_invoices is still marked running by a dead worker',
        timestamp: '2024-03-14T05:02:10Z',
      },
      {
        action: 'mark_task_success',
        parameters: { dag_id: 'billing_nightly', dag_run_id: 'scheduled__2024-03-14T02:00:00+00:00', task_id: 'extract_invoices' },
        result: 'success',
        timestamp: '2024-03-14T05:09:45Z',
      },
      {
        action: 'clear_dag_run',
        parameters: { dag_id: 'billing_nightly', dag_run_id: 'scheduled__2024-03-14T02:00:00+00:00' },
        result: 'success',
        timestamp: '2024-03-14T05:14:30Z',
      },
    ],
    learning_feedback: {
      confidence_score: 0.82,
      pattern_match_strength: 0.74,
      resolution_effectiveness: 0.9,
      similar_incidents_count: 6,
      knowledge_base_updated: true,
      new_patterns_learned: ['zombie_task_after_worker_sigterm'],
      performance_metrics: { resolution_faster_than_average: true, action_sequence_optimal: false, resource_usage_efficient: true },
    },
  });
}

export function databaseRecord(): JsonRecord {
  return clone({
    incident: {
      title: 'Orders API exhausted its Postgres connection pool',
      description: 'Checkout requests timed out after a deploy doubled the number of API workers.',
      service: 'database',
      severity: 'critical',
      tags: ['postgres', 'connection-pool', 'checkout'],
      metadata: {
        database_host: 'orders-db-primary.prod.internal',
        database_name: 'orders',
        database_port: 5432,
        database_type: 'postgres',
        connection_pool_name: 'orders-api-pool',
        pool_config: { max_connections: 100, current_active: 100, current_idle: 0, wait_queue_size: 240, connection_timeout: 30 },
        error_details: {
          error_code: '53300',
          sqlstate: '53300',
          timeout_duration: 30,
          last_successful_connection: '2024-05-02T14:11:52Z',
          failed_attempts_count: 1834,
          connection_string: 'postgresql://orders_api@orders-db-primary.prod.internal:5432/orders?sslmode=require',
        },
        affected_services: ['orders-api', 'checkout-web'],
      },
    },
    outcome: 'resolved',
    resolution_time: 900,
    success: true,
    actions_taken: [
      {
        action: 'kill_idle_connections',
        parameters: { database_host: 'orders-db-primary.prod.internal', database_name: 'orders' },
        result: 'partial_success',
        error: 'Only 12 idle connections found; pool still saturated',
        timestamp: '2024-05-02T14:16:00Z',
      },
      {
        action: 'scale_connection_pool',
        parameters: { connection_pool_name: 'orders-api-pool', max_connections: 200 },
        result: 'success',
        timestamp: '2024-05-02T14:21:30Z',
      },
      {
        action: 'verify_database_connectivity',
        parameters: { database_host: 'orders-db-primary.prod.internal', database_port: 5432, database_name: 'orders' },
        result: 'success',
        timestamp: '2024-05-02T14:24:00Z',
      },
    ],
    learning_feedback: {
      confidence_score: 0.88,
      pattern_match_strength: 0.91,
      resolution_effectiveness: 0.85,
      similar_incidents_count: 14,
      knowledge_base_updated: false,
      new_patterns_learned: [],
    },
  });
}

export function sparkRecord(): JsonRecord {
  return clone({
    incident: {
      title: 'Daily sessionization job lost executors to OOM',
      description: 'Stage 14 failed repeatedly after a skewed partition pushed executor 7 past its heap.',
      service: 'spark',
      severity: 'medium',
      tags: ['spark', 'oom', 'data-skew'],
      metadata: {
        application_id: 'application_1710400000000_0042',
        application_name: 'sessionize-daily',
        executor_id: '7',
        driver_host: 'spark-driver-3.analytics.internal',
        spark_master: 'yarn',
        error_details: {
          exception_class: 'java.lang.OutOfMemoryError',
          exception_message: 'Java heap space',
          executor_memory: '8g',
          executor_max_heap: '7.2g',
          heap_usage_before_oom: '7.1g',
          gc_time_percentage: 38.5,
          stage_id: 14,
          task_id: 2231,
          partition_size_mb: 2860,
        },
        resource_config: { executor_memory: '8g', executor_cores: 4, num_executors: 20, driver_memory: '4g' },
        data_processed: { input_records: 182000000, processed_records: 121500000, failed_at_record: 121500001 },
      },
    },
    outcome: 'escalated to the data platform team',
    resolution_time: 2400,
    success: false,
    actions_taken: [
      {
        action: 'kill_spark_application',
        parameters: { application_id: 'application_1710400000000_0042' },
        result: 'success',
        timestamp: '2024-06-11T03:05:00Z',
      },
      {
        action: 'restart_spark_job',
        parameters: { application_name: 'sessionize-daily', config: { 'spark.executor.memory': '12g' } },
        result: 'failed',
        error: 'Executor 3 lost: OutOfMemoryError in stage 14 again',
        timestamp: '2024-06-11T03:30:00Z',
      },
    ],
    learning_feedback: {
      confidence_score: 0.55,
      pattern_match_strength: 0.61,
      resolution_effectiveness: 0.2,
      similar_incidents_count: 3,
      knowledge_base_updated: true,
      new_patterns_learned: ['oom_from_partition_skew'],
      failure_analysis: {
        root_cause: 'One customer partition held 40% of the day\'s events; more memory only delayed the OOM.',
        recommended_escalation: 'data-platform on-call',
        improved_action_sequence: ['kill_spark_application', 'adjust_spark_config', 'restart_spark_job'],
        confidence_threshold_adjustment: -0.1,
      },
    },
  });
}

export function kubernetesRecord(): JsonRecord {
  return clone({
    incident: {
      title: 'checkout-api pods OOMKilled in a restart loop',
      description: 'A memory leak in the new release made checkout-api exceed its 512Mi limit every few minutes.',
      service: 'kubernetes',
      severity: 'high',
      tags: ['kubernetes', 'oomkilled', 'checkout'],
      metadata: {
        namespace: 'checkout',
        pod_name: 'checkout-api-7d9f8b6c5-x2k4p',
        container_name: 'api',
        deployment_name: 'checkout-api',
        service_name: 'checkout-api',
        node_name: 'ip-10-42-3-17.eu-west-1.compute.internal',
        error_details: {
          exit_code: 137,
          restart_count: 14,
          last_state: 'Terminated',
          reason: 'OOMKilled',
          message: 'Container api exceeded its memory limit',
          resource_limits: { memory: '512Mi', cpu: '500m' },
          resource_requests: { memory: '256Mi', cpu: '250m' },
          current_usage: { memory: '509Mi', cpu: '310m' },
        },
      },
    },
    outcome: 'resolved',
    resolution_time: 600,
    success: true,
    actions_taken: [
      {
        action: 'update_resource_limits',
        parameters: { namespace: 'checkout', deployment_name: 'checkout-api', container_name: 'api', resource_limits: { memory: '1Gi', cpu: '500m' } },
        result: 'success',
        timestamp: '2024-07-20T09:12:00Z',
      },
      {
        action: 'restart_pod',
        parameters: { namespace: 'checkout', pod_name: 'checkout-api-7d9f8b6c5-x2k4p' },
        result: 'success',
        timestamp: '2024-07-20T09:15:00Z',
      },
    ],
    learning_feedback: {
      confidence_score: 0.93,
      pattern_match_strength: 0.89,
      resolution_effectiveness: 0.8,
      similar_incidents_count: 21,
      knowledge_base_updated: false,
    },
  });
}

export function diskRecord(): JsonRecord {
  return clone({
    incident: {
      title: '/var on web-17 at 96% from runaway nginx access logs',
      description: 'Log rotation stopped after a config change; access logs grew by 18 GB per hour.',
      service: 'disk',
      severity: 'high',
      tags: ['disk', 'nginx', 'logrotate'],
      metadata: {
        server_hostname: 'web-17.prod.internal',
        filesystem_path: '/var',
        filesystem_type: 'ext4',
        total_size_gb: 500,
        used_size_gb: 480,
        available_size_gb: 20,
        usage_percentage: 96,
        inode_usage_percentage: 41,
        error_details: {
          disk_growth_rate_gb_per_hour: 18,
          estimated_time_to_full: '1h 6m',
          largest_directories: [{ '/var/log/nginx': '402G' }, { '/var/lib/docker': '61G' }],
          recent_large_files: [{ path: '/var/log/nginx/access.log', size: '388G', modified: '2024-08-03T11:58:00Z' }],
        },
      },
    },
    outcome: 'resolved',
    resolution_time: 1500,
    success: true,
    actions_taken: [
      {
        action: 'rotate_logs',
        parameters: { server_hostname: 'web-17.prod.internal', filesystem_path: '/var/log/nginx' },
        result: 'success',
        timestamp: '2024-08-03T12:05:00Z',
      },
      {
        action: 'clean_disk_space',
        parameters: { server_hostname: 'web-17.prod.internal', filesystem_path: '/var' },
        result: 'success',
        timestamp: '2024-08-03T12:20:00Z',
      },
    ],
    learning_feedback: {
      confidence_score: 0.9,
      pattern_match_strength: 0.86,
      resolution_effectiveness: 0.95,
      similar_incidents_count: 9,
      knowledge_base_updated: false,
    },
  });
}

export const RECORDS = {
  airflow: airflowRecord,
  database: databaseRecord,
  spark: sparkRecord,
  kubernetes: kubernetesRecord,
  disk: diskRecord,
} as const;

export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function line(value: unknown): string {
  return JSON.stringify(value);
}

"""Airflow DAG: crm-affinity once a day for the DAG run's logical date.

Each run passes its own date ({{ ds }}), so Airflow's retries, clears and backfills rerun exactly that date:
crm-affinity replaces a date's results atomically and never duplicates them, and a second run of a date that
is still running fails cleanly (exit code 1, FAILED in job_runs) instead of interleaving with it.

Needs apache-airflow-providers-apache-spark and a "spark_default" connection pointing at the cluster.
The JVM flags are those of target/spark-jvm-flags.txt (pom.xml's spark.jvm.flags).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

APP = "/opt/crm-affinity/target/crm-affinity-0.1.0-SNAPSHOT.jar"
with open("/opt/crm-affinity/target/spark-jvm-flags.txt") as f:
    JVM_FLAGS = f.read().strip()

with DAG(
    dag_id="crm_affinity",
    schedule="30 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["crm", "spark"],
) as dag:
    SparkSubmitOperator(
        task_id="mine_rules",
        conn_id="spark_default",
        application=APP,
        java_class="io.crmaffinity.cli.Main",
        files="/opt/crm-affinity/conf/cluster.conf",
        conf={
            "spark.driver.extraJavaOptions": JVM_FLAGS,
            "spark.executor.extraJavaOptions": JVM_FLAGS,
        },
        application_args=["run", "--config", "cluster.conf", "--run-date", "{{ ds }}"],
        deploy_mode="cluster",
    )

"""The period: one calendar month in Asia/Jakarta, keyed "YYYY-MM" like `periode`."""

from dagster import MonthlyPartitionsDefinition

FIRST_PERIOD = "2024-01"

monthly_partitions = MonthlyPartitionsDefinition(start_date=FIRST_PERIOD, fmt="%Y-%m", timezone="Asia/Jakarta")

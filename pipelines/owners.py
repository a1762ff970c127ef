"""Who answers for what in Dagster (asset owners): the data team runs the pipeline, BKPSDM's
payroll office answers for the pay table and what is exported from it."""

DATA = "team:data-tpp"
PAYROLL = "team:bkpsdm-payroll"

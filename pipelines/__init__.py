"""TPP Kota Serang: the data pipeline and warehouse behind performance-based pay."""

import os

# polars' allocator (jemalloc) keeps freed memory for reuse and hands it back to the
# system only seconds later: a month's ingest left gigabytes held through the steps after
# it (dbt, the suites, the export) and set the run's peak. Freed memory goes back at once
# (README, "Performance"); set before polars is first imported, and only where the
# operator has not set it.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")

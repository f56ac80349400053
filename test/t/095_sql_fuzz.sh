#!/bin/bash
# test/t/095_sql_fuzz.sh -- a short run of the SQL-level property fuzzer
# (test/fuzz/sql_fuzz.sh) on the test cluster: CLS_SQLFUZZ_SECONDS
# (default 60) of seeded random calls of every cls function and aggregate
# with hostile values; the seed is printed (rerun: bash test/fuzz/sql_fuzz.sh
# SECONDS SEED).  Long runs: bash test/fuzz/run.sh SECONDS.
set -uo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/../fuzz/sql_fuzz.sh" "${CLS_SQLFUZZ_SECONDS:-60}" ${CLS_SQLFUZZ_SEED:+"$CLS_SQLFUZZ_SEED"}

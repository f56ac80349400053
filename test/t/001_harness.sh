#!/bin/bash
# test/t/001_harness.sh -- smoke test of the test harness itself.
# Run by test/check.sh (reuses its cluster), or alone: bash test/t/001_harness.sh
# Template for test/t scripts: source common.sh, cls_require_cluster, print
# `ok - name` / `not ok - name` lines (cls_pass/cls_fail/cls_is/cls_check),
# end with cls_summary.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cls_require_cluster

cls_is "SELECT 1 on cluster $CLS_CLUSTER" "$(cls_sql 'SELECT 1')" "1"
cls_is "server uses the private share dir" \
    "$(cls_sql "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")" \
    "$CLS_PRIVATE_ROOT/usr/share/postgresql/15"

if [ -f "$CLS_PRIVATE_ROOT/usr/share/postgresql/15/extension/cls.control" ]; then
    cls_psql -c 'SET client_min_messages = warning' -c 'DROP DATABASE IF EXISTS cls_t001' -c 'CREATE DATABASE cls_t001'
    cls_check "CREATE EXTENSION cls" cls_psql -d cls_t001 -c 'CREATE EXTENSION cls'
    cls_is "extension cls is in schema cls" \
        "$(cls_sql "SELECT extnamespace::regnamespace FROM pg_extension WHERE extname = 'cls'" cls_t001)" "cls"
    cls_psql -c 'DROP DATABASE cls_t001'
else
    cls_skip "CREATE EXTENSION cls" "cls.control not installed"
fi
# a skip is counted as skipped, not as passed, and the summary says so
tap=$(mktemp "$CLS_TMPBASE/tap001.XXXXXX")
printf '%s\n' 'ok - a' 'ok - b # skip no server' 'not ok - c' > "$tap"
cls_is "the summary counts skips apart from passes (cls_skip and TAP '# skip' lines)" \
    "$(bash -c 'source "$1"; cls_pass x; cls_skip y "why"; cls_count_tap "$2"; cls_summary' _ \
        "$CLS_REPO/test/lib/common.sh" "$tap" 2>/dev/null | tail -n 1)" "2 passed, 1 failed, 2 skipped"
cls_is "no ', N skipped' when nothing was skipped" \
    "$(bash -c 'source "$1"; cls_pass x; cls_summary' _ "$CLS_REPO/test/lib/common.sh" 2>/dev/null | tail -n 1)" \
    "1 passed, 0 failed"
cls_summary

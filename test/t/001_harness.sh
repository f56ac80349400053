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
cls_summary

#!/bin/bash
# test/t/062_generator.sh -- the demo warehouse generator's own self-check
# (test/demo/check_gen.sh: build with -Werror, determinism, sanity of a
# 300-patient warehouse); its ok / not ok lines are this test's.
# Run by test/check.sh, or alone.  Needs no PostgreSQL.
set -uo pipefail
exec sh "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/demo/check_gen.sh"

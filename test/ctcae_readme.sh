#!/bin/bash
# test/ctcae_readme.sh -- the README's table of every CTCAE criterion,
# generated from the criteria table the C code grades with.
#   bash test/ctcae_readme.sh           print the markdown
#   bash test/ctcae_readme.sh --update  replace the table in README.md
# `make unit` (test/unit/test_ctcae_readme.c) fails when the two differ.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p test/unit/build
${CC:-cc} -std=c99 -O1 -Wall -Wextra -Werror -Isrc/core -Itest/unit \
    test/unit/test_ctcae_readme.c src/core/*.c -lm -o test/unit/build/ctcae_readme
if [ "${1:-}" = "--update" ]; then
    test/unit/build/ctcae_readme --print > test/unit/build/ctcae_table.md
    awk -v table=test/unit/build/ctcae_table.md '
        /^<!-- ctcae-criteria:begin/ { while ((getline l < table) > 0) print l; skip = 1; next }
        /^<!-- ctcae-criteria:end/ { skip = 0; next }
        !skip { print }' README.md > test/unit/build/README.md.new
    mv test/unit/build/README.md.new README.md
else
    test/unit/build/ctcae_readme --print
fi

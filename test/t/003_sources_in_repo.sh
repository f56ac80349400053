#!/bin/bash
# test/t/003_sources_in_repo.sh -- the repository stands alone: README.md and the
# files under src/ and test/ cite sources by their public addresses or by the
# README's own "Sources" section, never by documents that are not in the
# repository (SPEC.md, clinical-sources.md), their "§N" section marks or their
# "[C1]"-style source keys.  Needs no server.
#
# Exempt: the released, frozen SQL folders src/sql/0.1.0 and src/sql/0.2.0 (never
# edited again: their comments stay as released) and the scripts generated from
# them (src/sql/cls--*.sql, not tracked); binary files; this file (it spells
# the patterns out).  Files are the ones git
# tracks (plus untracked, not ignored ones), or every file without git.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cls_tmpbase
cd "$CLS_REPO" || exit 1
# SPEC / SPEC.md as a word (not SUSPECTED), clinical-sources, a section mark, a key like [C1]
pattern='(^|[^A-Za-z_])SPEC(\.md)?([^A-Za-z_]|$)|clinical-sources|§|\[[A-Z][0-9]+\]'
if git rev-parse --git-dir >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files -co --exclude-standard -- README.md src test)
else
    mapfile -t files < <(find README.md src test -type f)
fi
list=()
for f in "${files[@]}"; do
    case $f in src/sql/0.1.0/*|src/sql/0.2.0/*|src/sql/cls--*.sql|test/t/003_sources_in_repo.sh) continue ;; esac
    [ -f "$f" ] && list+=("$f")
done
hits=$(grep -nIE -- "$pattern" "${list[@]}" 2>/dev/null)
cls_is "no file cites SPEC.md, clinical-sources.md, § marks or [Xn] keys (${#list[@]} files checked)" \
    "${hits:-none}" none
cls_is "the README has its Sources section" "$(grep -c '^## Sources$' README.md)" 1
# the check itself: a planted citation is found
tmp=$(mktemp "$CLS_TMPBASE/cite.XXXXXX")
printf '%s\n' 'see SPEC.md 4 and [C1]' 'SUSPECTED is fine' > "$tmp"
cls_is "the pattern finds a planted citation and spares SUSPECTED" "$(grep -cE -- "$pattern" "$tmp")" 1
cls_summary

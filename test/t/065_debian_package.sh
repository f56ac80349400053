#!/bin/bash
# test/t/065_debian_package.sh -- the Debian package and the PGXN metadata.
#
# In a copy of the source tree (the files git knows, so no build products):
# META.json, debian/changelog and cls.control agree with the Makefile's
# EXTVERSION; `DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b` builds
# postgresql-15-cls_<version>_<arch>.deb, which holds cls.so, cls.control and
# every install/upgrade script; `apt-get install ./postgresql-15-cls_*.deb`
# installs it into the SYSTEM PostgreSQL 15; then, against that system
# install, in throwaway pg_virtualenv clusters: the autopkgtest
# (debian/tests/installcheck, the pg_regress suite), CREATE EXTENSION cls,
# and `make installcheck` leaving no database behind; finally `apt-get purge`
# removes the package and the machine is as it was.
#
# Needs root on Debian with dpkg-dev, debhelper, fakeroot, build-essential and
# postgresql-server-dev-all (CLS_DEPS_PACKAGING in test/lib/common.sh;
# test/check.sh installs them).  Skipped (not passed) otherwise, and when
# cls is already installed in the system PostgreSQL: this test does not
# replace what someone installed.  About 1 minute.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cls_tmpbase
ext=/usr/share/postgresql/$CLS_PG_MAJOR/extension
pkg=postgresql-$CLS_PG_MAJOR-cls
skip_all() { cls_skip "Debian package build, install, autopkgtest, purge" "$1"; cls_summary; exit 0; }
[ "$(id -u)" = 0 ] || skip_all "needs root (apt-get install of the built package)"
for p in $CLS_DEPS_PACKAGING; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || skip_all "package $p not installed (test/check.sh installs it)"
done
dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'installed' && skip_all "$pkg is already installed"
[ -e "$ext/cls.control" ] && skip_all "$ext/cls.control exists (cls installed by hand): left alone"

work=$(mktemp -d "$CLS_TMPBASE/deb065.XXXXXX")
src=$work/cls
mkdir -p "$src"
if git -C "$CLS_REPO" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$CLS_REPO" && git ls-files -co --exclude-standard | grep -v '^demo-output/' | tar -cf - -T -) | tar -xf - -C "$src"
else
    cp -a "$CLS_REPO/." "$src/" && make -s -C "$src" clean PG_CONFIG="$CLS_PG_CONFIG" >/dev/null
fi

# ---- versions agree -----------------------------------------------------------------
v_make=$(sed -n 's/^EXTVERSION *= *//p' "$src/Makefile")
v_control=$(sed -n "s/^default_version *= *'\\(.*\\)'/\\1/p" "$src/cls.control")
v_deb=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
v_meta=$(python3 -c 'import json, sys; m = json.load(open(sys.argv[1]))
print(m["version"], m["provides"]["cls"]["version"], m["meta-spec"]["version"],
      m["prereqs"]["runtime"]["requires"]["PostgreSQL"], m["license"])' "$src/META.json" 2>&1)
cls_is "cls.control default_version = Makefile EXTVERSION" "$v_control" "$v_make"
cls_is "debian/changelog version = EXTVERSION (native package)" "$v_deb" "$v_make"
cls_is "META.json: version, provides cls version, meta-spec 1.0.0, PostgreSQL 15, license" \
    "$v_meta" "$v_make $v_make 1.0.0 15.0.0 unknown"
cls_is "META.json's provides.cls.file exists" \
    "$(python3 -c 'import json, sys, os; m = json.load(open(sys.argv[1])); print(os.path.isfile(os.path.join(sys.argv[2], m["provides"]["cls"]["file"])))' "$src/META.json" "$src")" True
cls_is "debian/pgversions is $CLS_PG_MAJOR; debian/control is debian/control.in for it" \
    "$(cat "$src/debian/pgversions"):$(sed "s/PGVERSION/$CLS_PG_MAJOR/g" "$src/debian/control.in" | cmp - "$src/debian/control" && echo same)" \
    "$CLS_PG_MAJOR:same"

# ---- build ----------------------------------------------------------------------------
if (cd "$src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1; then
    cls_pass "dpkg-buildpackage -us -uc -b"
else
    cls_fail "dpkg-buildpackage -us -uc -b"; cls_diag "$(tail -n 30 "$work/build.log")"
    cls_summary; exit 1
fi
shopt -s nullglob
debs=("$work"/"$pkg"_"$v_make"_*.deb)
shopt -u nullglob
cls_is "one $pkg ${v_make} .deb built" "${#debs[@]}" 1
[ ${#debs[@]} -eq 1 ] || { cls_summary; exit 1; }
want="./usr/lib/postgresql/$CLS_PG_MAJOR/lib/cls.so $(cd "$src" && for f in cls.control $(make -s --no-print-directory -f Makefile -f - PG_CONFIG="$CLS_PG_CONFIG" print-data <<< 'print-data: ; @echo $(DATA_built)'); do printf '.%s/%s ' "$ext" "$(basename "$f")"; done)"
missing=
contents=$(dpkg-deb -c "${debs[0]}" | awk '{ print $6 }')
for f in $want; do grep -qxF -- "$f" <<< "$contents" || missing="$missing $f"; done
cls_is "the .deb holds cls.so, cls.control and every install and upgrade script" "${missing:- all}" " all"

# ---- install on the system PostgreSQL -------------------------------------------------------
apt_q() { DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=600 "$@" </dev/null; }
cls_on_exit "dpkg-query -W '$pkg' >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get -q -y purge '$pkg' >/dev/null 2>&1"
if (cd "$work" && apt_q install "./$(basename "${debs[0]}")") > "$work/install.log" 2>&1; then
    cls_pass "apt-get install ./$(basename "${debs[0]}")"
else
    cls_fail "apt-get install ./$(basename "${debs[0]}")"; cls_diag "$(tail -n 20 "$work/install.log")"
    cls_summary; exit 1
fi
cls_is "the system's cls.control belongs to $pkg" "$(dpkg -S "$ext/cls.control" 2>&1 | cut -d: -f1)" "$pkg"

# the autopkgtest, as autopkgtest runs it: from the source tree, against the installed package
# (without the libpq environment of a calling test/check.sh: pg_virtualenv sets its own)
clean_env=(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGHOSTADDR)
if (cd "$src" && "${clean_env[@]}" debian/tests/installcheck) > "$work/autopkgtest.log" 2>&1; then
    cls_pass "autopkgtest debian/tests/installcheck: $(grep -Eo 'All [0-9]+ tests passed' "$work/autopkgtest.log")"
else
    cls_fail "autopkgtest debian/tests/installcheck"; cls_diag "$(grep -E 'FAILED|failed|ERROR' "$work/autopkgtest.log" | head -n 20)"
fi
nreg=$(find "$src/sql" -name '*.sql' | wc -l)
cls_is "the autopkgtest ran every pg_regress test ($nreg)" \
    "$(grep -cE '^(test | +)[^ ]+ +\.\.\. ok' "$work/autopkgtest.log")" "$nreg"

# CREATE EXTENSION from the system install, and what make installcheck leaves behind
cat > "$work/venv.sh" <<'SH'
set -e
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE cls_t065'
psql -X -At -v ON_ERROR_STOP=1 -d cls_t065 -c 'CREATE EXTENSION cls' \
    -c "SELECT extversion, cls.hypoalbuminemia_grade(2.9, 'g/dL'), (SELECT setting FROM pg_config WHERE name = 'SHAREDIR') FROM pg_extension WHERE extname = 'cls'"
psql -X -q -d postgres -c 'DROP DATABASE cls_t065'
make -s installcheck PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config >installcheck.log 2>&1
echo "databases after make installcheck: $(psql -X -At -d postgres -c "SELECT string_agg(datname, ' ' ORDER BY datname) FROM pg_database")"
SH
got=$(cd "$src" && NONROOT=1 "${clean_env[@]}" pg_virtualenv -v "$CLS_PG_MAJOR" bash "$work/venv.sh" 2>"$work/venv.err")
cls_is "CREATE EXTENSION cls in a cluster of the system PostgreSQL (version, a grade, SHAREDIR)" \
    "$(grep -m1 '^[0-9.]*|' <<< "$got")" "$v_make|2|/usr/share/postgresql/$CLS_PG_MAJOR"
cls_is "make installcheck passes and leaves no database behind (cls_regression dropped)" \
    "$(sed -n 's/^databases after make installcheck: //p' <<< "$got")" "postgres template0 template1"
[ -n "$got" ] || cls_diag "$(tail -n 20 "$work/venv.err")"

# ---- purge: the machine as it was --------------------------------------------------------------
if apt_q purge "$pkg" > "$work/purge.log" 2>&1; then cls_pass "apt-get purge $pkg"; else
    cls_fail "apt-get purge $pkg"; cls_diag "$(tail -n 20 "$work/purge.log")"; fi
left=$(ls "$ext"/cls.control "$ext"/cls--*.sql "/usr/lib/postgresql/$CLS_PG_MAJOR/lib/cls.so" 2>/dev/null | paste -sd' ')
cls_is "no cls file left in the system PostgreSQL, package not installed" \
    "${left:-none}:$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -c ' installed')" "none:0"
cls_summary

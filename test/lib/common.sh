# shellcheck shell=bash
# test/lib/common.sh -- shared bash library for the cls test scripts.
#
# Usage (from any script under test/):
#   source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"   # adjust path
#   cls_deps                      # root on Debian: apt-get what is missing
#   cls_private_install           # build + install cls into a private PG copy
#   cls_cluster_start main        # throwaway cluster; exports PGHOST/PGPORT/...
#   cls_psql -c 'SELECT 1'
#   cls_pass "name" / cls_fail "name" "reason"; cls_summary
#
# Every cluster this process starts is stopped, and every temp dir it created
# is removed, by an EXIT/INT/TERM trap.  Do not install your own EXIT trap
# after sourcing this file; register extra cleanup with `cls_on_exit CMD`.
#
# Environment knobs: CLS_PG_CONFIG (default /usr/lib/postgresql/15/bin/pg_config),
# CLS_CFLAGS (default '-Wall -Wextra -Werror'), CLS_KEEP=1 (keep temp dirs for
# post-mortem; clusters are still stopped), TMPDIR.
#
# Exported for child scripts (test/t/*.sh inherit them from test/check.sh):
#   CLS_REPO CLS_TMPBASE CLS_PRIVATE_ROOT CLS_PGBIN CLS_PGUSER
#   PGHOST PGPORT PGUSER PGDATABASE CLS_CLUSTER CLS_PGDATA (current cluster)
#   CLS_C_<name>_{HOST,PORT,DATA,LOG,DIR} for every started cluster

if [ -n "${CLS__COMMON_LOADED:-}" ]; then return 0; fi
CLS__COMMON_LOADED=1

CLS_PG_MAJOR=15
CLS_SYS_LIBDIR=/usr/lib/postgresql/$CLS_PG_MAJOR
CLS_SYS_SHAREDIR=/usr/share/postgresql/$CLS_PG_MAJOR
: "${CLS_PG_CONFIG:=$CLS_SYS_LIBDIR/bin/pg_config}"
# PostgreSQL's own headers trip -Wunused-parameter and -Wsign-compare under
# -Wextra; pgvector's CI disables the same two.
: "${CLS_CFLAGS:=-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare}"
: "${CLS_PG_OSUSER:=clstest}"
export CLS_PG_CONFIG CLS_CFLAGS CLS_PG_OSUSER

CLS_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
export CLS_REPO

# Do not let the caller's libpq settings leak into the tests.
unset PGSERVICE PGSERVICEFILE PGHOSTADDR PGPASSFILE PGPASSWORD PGSSLMODE PGREQUIRESSL PGOPTIONS 2>/dev/null || true

CLS_PASSED=0
CLS_FAILED=0
CLS_SKIPPED=0
CLS_FAILURES=()
CLS_SKIPS=()
CLS__MY_CLUSTERS=()      # clusters started by *this* process (names)
CLS__EXIT_HOOKS=()
CLS__OWNS_TMPBASE=0
CLS__CLEANED=0

cls_log()  { printf '%s\n' "# $*" >&2; }
cls_die()  { printf '%s\n' "cls: ERROR: $*" >&2; exit 1; }
cls_diag() { printf '%s\n' "$*" | sed 's/^/# /'; }

# ---------------------------------------------------------------- counters --
# cls_pass NAME            -> prints "ok - NAME", counts one pass
# cls_fail NAME [REASON]   -> prints "not ok - NAME # REASON", counts one fail
# cls_skip NAME [REASON]   -> prints "ok - NAME # skip REASON", counts one skip
#                             (not a pass: it tested nothing)
cls_pass() { CLS_PASSED=$((CLS_PASSED + 1)); printf 'ok - %s\n' "$1"; }
cls_fail() {
    CLS_FAILED=$((CLS_FAILED + 1))
    CLS_FAILURES+=("$1${2:+: $2}")
    printf 'not ok - %s%s\n' "$1" "${2:+ # $2}"
}
cls_skip() {
    CLS_SKIPPED=$((CLS_SKIPPED + 1)); CLS_SKIPS+=("$1${2:+: $2}")
    printf 'ok - %s # skip%s\n' "$1" "${2:+ $2}"
}
# cls_check NAME CMD...    -> runs CMD; pass if it exits 0, else fail
cls_check() {
    local name=$1; shift
    local out rc=0
    out=$("$@" 2>&1) || rc=$?
    if [ "$rc" -eq 0 ]; then cls_pass "$name"; else
        [ -n "$out" ] && cls_diag "$out"
        cls_fail "$name" "exit $rc"
    fi
}
# cls_is NAME GOT WANT     -> pass if the two strings are equal
cls_is() {
    if [ "$2" == "$3" ]; then cls_pass "$1"; else
        cls_diag "got:  '$2'"; cls_diag "want: '$3'"
        cls_fail "$1" "unexpected value"
    fi
}
# cls_count_tap FILE PREFIX -> add the ok/not ok lines of FILE to the totals
# (without echoing them again); failing lines are remembered for the summary.
cls_count_tap() {
    local file=$1 prefix=${2:-} line
    while IFS= read -r line; do
        case $line in
            "not ok"|"not ok "*)
                CLS_FAILED=$((CLS_FAILED + 1)); CLS_FAILURES+=("$prefix$line") ;;
            "ok"|"ok "*)
                case $line in
                    *"# skip"*|*"# SKIP"*)
                        CLS_SKIPPED=$((CLS_SKIPPED + 1)); CLS_SKIPS+=("$prefix$line") ;;
                    *) CLS_PASSED=$((CLS_PASSED + 1)) ;;
                esac ;;
        esac
    done < "$file"
}
# cls_counts P F S -> "P passed, F failed" and ", S skipped" when S > 0
cls_counts() {
    printf '%s passed, %s failed%s\n' "$1" "$2" "$([ "$3" -gt 0 ] && echo ", $3 skipped")"
}
# cls_summary -> the skipped tests, the failures, then the final line
# "N passed, N failed" (", N skipped" appended when tests were skipped: a skip
# is neither a pass nor a failure); returns 1 on failure
cls_summary() {
    local f
    if [ "$CLS_SKIPPED" -gt 0 ]; then
        echo "# Skipped (not counted as passed):"
        for f in "${CLS_SKIPS[@]}"; do echo "#   $f"; done
    fi
    if [ "$CLS_FAILED" -gt 0 ]; then
        echo "# Failures:"
        for f in "${CLS_FAILURES[@]}"; do echo "#   $f"; done
    fi
    cls_counts "$CLS_PASSED" "$CLS_FAILED" "$CLS_SKIPPED"
    [ "$CLS_FAILED" -eq 0 ]
}

# ------------------------------------------------------------ dependencies --
# What test/check.sh needs beyond cls_deps's own list (the demo does not):
# building and installing the Debian package (test/t/065_debian_package.sh)
# and the Python client example of the README (test/t/066_clients.sh).
CLS_DEPS_PACKAGING="dpkg-dev debhelper fakeroot build-essential postgresql-server-dev-all"
CLS_DEPS_CLIENTS="python3-psycopg"
# cls_deps [EXTRA_DEBIAN_PACKAGE...]
cls_deps() {
    local pkgs=(postgresql-15 postgresql-server-dev-15 postgresql-15-cron gcc make
                clang libclang-rt-14-dev gnuplot-nox procps "$@")
    local missing=() p was_running=0
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        cls_die "missing packages (need root on Debian to install): ${missing[*]}"
    fi
    cls_log "installing: ${missing[*]}"
    if command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | grep -q "^$CLS_PG_MAJOR main .* online"; then
        was_running=1
    fi
    export DEBIAN_FRONTEND=noninteractive
    local aptopt=(-q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=600)
    local aptlog
    aptlog=$(mktemp "${TMPDIR:-/tmp}/cls-apt.XXXXXX")
    if ! apt-get "${aptopt[@]}" update >"$aptlog" 2>&1 \
        || ! apt-get "${aptopt[@]}" install --no-install-recommends "${missing[@]}" \
                </dev/null >>"$aptlog" 2>&1; then
        cat "$aptlog" >&2; rm -f "$aptlog"
        cls_die "apt-get install ${missing[*]} failed"
    fi
    rm -f "$aptlog"
    # The Debian package may have created and started a cluster 15/main; we
    # never use it.  Stop it unless it was already running before.
    if [ "$was_running" = 0 ] && command -v pg_ctlcluster >/dev/null; then
        pg_ctlcluster "$CLS_PG_MAJOR" main stop >/dev/null 2>&1 || true
    fi
    return 0
}

# ------------------------------------------------------------------- build --
# cls_build -> make in the repo root with CLS_CFLAGS (-Wall -Wextra -Werror)
cls_build() {
    make -s -C "$CLS_REPO" PG_CONFIG="$CLS_PG_CONFIG" PG_CFLAGS="$CLS_CFLAGS" </dev/null
}

# ------------------------------------------------------------- temp/trap ---
cls__as_pg() {   # run a command as the unprivileged cluster owner
    if [ "$(id -u)" = 0 ]; then
        (cd / && setpriv --reuid="$CLS_PG_OSUSER" --regid="$CLS_PG_OSUSER" --init-groups -- "$@")
    else
        "$@"
    fi
}

cls__ensure_user() {
    if [ "$(id -u)" = 0 ]; then
        if ! id -u "$CLS_PG_OSUSER" >/dev/null 2>&1; then
            useradd --system --user-group --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin "$CLS_PG_OSUSER" >/dev/null 2>&1 || true
            id -u "$CLS_PG_OSUSER" >/dev/null 2>&1 || cls_die "cannot create user $CLS_PG_OSUSER"
        fi
        CLS_PGUSER=$CLS_PG_OSUSER
    else
        CLS_PGUSER=$(id -un)
    fi
    export CLS_PGUSER
}

# cls_tmpbase -> ensure $CLS_TMPBASE exists (created once by the outermost
# script, which also deletes it on exit; child scripts reuse it)
cls_tmpbase() {
    if [ -n "${CLS_TMPBASE:-}" ] && [ -d "$CLS_TMPBASE" ]; then return 0; fi
    CLS_TMPBASE=$(mktemp -d "${TMPDIR:-/tmp}/cls-test.XXXXXX") || cls_die "mktemp failed"
    CLS__OWNS_TMPBASE=1
    chmod 755 "$CLS_TMPBASE"
    mkdir -p "$CLS_TMPBASE/c" && chmod 755 "$CLS_TMPBASE/c"
    : > "$CLS_TMPBASE/clusters.list"
    export CLS_TMPBASE
}

cls__stop_datadir() {
    local data=$1 pid
    [ -f "$data/postmaster.pid" ] || return 0
    cls__as_pg "$CLS_PGBIN/pg_ctl" -D "$data" -m fast -w -t 20 stop >/dev/null 2>&1 \
        || cls__as_pg "$CLS_PGBIN/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1
    if [ -f "$data/postmaster.pid" ]; then
        pid=$(head -n1 "$data/postmaster.pid" 2>/dev/null)
        # only kill it if it really is a postgres whose data dir is ours
        if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$data"; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

# cls_run_logged OUTFILE CMD... -> run CMD (stdin /dev/null, stdout+stderr to
# OUTFILE, echoed live) in its own session and return its exit status.  The
# shell waits with `wait`, so INT/TERM are acted on at once: the cleanup trap
# sends TERM to the command's process group before stopping the clusters.
CLS__CHILD_PID=
cls_run_logged() {
    local out=$1 pid tpid rc; shift
    : > "$out"
    setsid -w "$@" </dev/null >"$out" 2>&1 &
    pid=$!
    CLS__CHILD_PID=$pid
    tail -s 0.2 -n +1 -f --pid="$pid" "$out" &
    tpid=$!
    wait "$pid"; rc=$?
    wait "$tpid" 2>/dev/null
    CLS__CHILD_PID=
    return "$rc"
}

cls__kill_child() {
    local pid=$CLS__CHILD_PID i
    [ -n "$pid" ] || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 150; i++)); do   # give its own trap up to 30 s
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

# cls_on_exit CMD -> run CMD (eval'd) at exit, before clusters are stopped
cls_on_exit() { CLS__EXIT_HOOKS+=("$1"); }

cls__cleanup() {
    [ "$CLS__CLEANED" = 1 ] && return 0
    CLS__CLEANED=1
    local i h data
    cls__kill_child
    for h in "${CLS__EXIT_HOOKS[@]}"; do eval "$h" || true; done
    for ((i = ${#CLS__MY_CLUSTERS[@]} - 1; i >= 0; i--)); do
        h="CLS_C_${CLS__MY_CLUSTERS[i]}_DATA"
        cls__stop_datadir "${!h}"
    done
    if [ "$CLS__OWNS_TMPBASE" = 1 ] && [ -n "${CLS_TMPBASE:-}" ] && [ -d "$CLS_TMPBASE" ]; then
        # clusters left behind by child scripts that were killed
        while IFS= read -r data; do
            [ -n "$data" ] && cls__stop_datadir "$data"
        done < "$CLS_TMPBASE/clusters.list"
        if [ "${CLS_KEEP:-0}" = 1 ]; then
            echo "# CLS_KEEP=1: kept $CLS_TMPBASE" >&2
        else
            rm -rf "$CLS_TMPBASE"
        fi
    fi
}
trap 'cls__cleanup' EXIT
trap 'cls__cleanup; trap - INT; kill -INT $$' INT
trap 'cls__cleanup; exit 143' TERM

# --------------------------------------------------------- private install --
# cls_private_install -> copy /usr/lib/postgresql/15 and /usr/share/postgresql/15
# under $CLS_TMPBASE/root, `make install DESTDIR=` into it, export
# CLS_PRIVATE_ROOT and CLS_PGBIN.  Reused (not redone) if CLS_PRIVATE_ROOT is
# already set, e.g. in test/t/*.sh run by test/check.sh.
cls_private_install() {
    cls__ensure_user
    if [ -n "${CLS_PRIVATE_ROOT:-}" ] && [ -x "$CLS_PRIVATE_ROOT$CLS_SYS_LIBDIR/bin/postgres" ]; then
        CLS_PGBIN=$CLS_PRIVATE_ROOT$CLS_SYS_LIBDIR/bin
        export CLS_PRIVATE_ROOT CLS_PGBIN
        return 0
    fi
    [ -x "$CLS_SYS_LIBDIR/bin/postgres" ] || cls_die "$CLS_SYS_LIBDIR/bin/postgres not found (run cls_deps)"
    cls_tmpbase
    local root=$CLS_TMPBASE/root
    mkdir -p "$root${CLS_SYS_LIBDIR%/*}" "$root${CLS_SYS_SHAREDIR%/*}"
    cp -a "$CLS_SYS_LIBDIR" "$root${CLS_SYS_LIBDIR%/*}/" || cls_die "copy of $CLS_SYS_LIBDIR failed"
    cp -a "$CLS_SYS_SHAREDIR" "$root${CLS_SYS_SHAREDIR%/*}/" || cls_die "copy of $CLS_SYS_SHAREDIR failed"
    # absolute symlinks would point back into the system tree: materialize them
    local l
    while IFS= read -r l; do
        cp -aL --remove-destination "$(readlink -f "$l")" "$l" 2>/dev/null || true
    done < <(find "$root" -type l -lname '/*')
    chmod -R a+rX "$root"
    make -s -C "$CLS_REPO" install DESTDIR="$root" PG_CONFIG="$CLS_PG_CONFIG" \
        PG_CFLAGS="$CLS_CFLAGS" </dev/null >/dev/null || { echo "cls: make install DESTDIR=$root failed" >&2; return 1; }
    CLS_PRIVATE_ROOT=$root
    CLS_PGBIN=$root$CLS_SYS_LIBDIR/bin
    export CLS_PRIVATE_ROOT CLS_PGBIN
    # PostgreSQL finds share/ and lib/ relative to its real executable path.
    local sd pd
    sd=$("$CLS_PGBIN/pg_config" --sharedir) pd=$("$CLS_PGBIN/pg_config" --pkglibdir)
    if [ "$sd" != "$root$CLS_SYS_SHAREDIR" ] || [ "$pd" != "$root$CLS_SYS_LIBDIR/lib" ]; then
        echo "cls: private install is not self-contained (sharedir=$sd pkglibdir=$pd)" >&2
        return 1
    fi
    [ -f "$root$CLS_SYS_SHAREDIR/extension/cls.control" ] \
        || { echo "cls: cls.control missing from the private install" >&2; return 1; }
}

# ---------------------------------------------------------------- clusters --
cls__port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# cls_cluster_start NAME [POSTGRESQL.CONF LINE...]
#   initdb + start a throwaway cluster as $CLS_PG_OSUSER (when root), trust
#   auth on the unix socket and 127.0.0.1 only, a free port; then makes it the
#   current cluster (cls_cluster_env NAME).  Example:
#     cls_cluster_start cron "shared_preload_libraries = 'pg_cron'" \
#                            "cron.database_name = 'postgres'"
cls_cluster_start() {
    local name=$1; shift
    [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || cls_die "bad cluster name '$name'"
    local v="CLS_C_${name}_DATA"
    if [ -n "${!v:-}" ] && [ -f "${!v}/postmaster.pid" ]; then
        cls_die "cluster '$name' is already running (${!v})"
    fi
    [ -n "${CLS_PGBIN:-}" ] || cls_private_install || return 1
    cls__ensure_user
    cls_tmpbase
    local dir data log port ok=0 line
    if ! cls__as_pg test -x "$CLS_TMPBASE/c"; then
        echo "cls: $CLS_TMPBASE is not accessible to user $CLS_PG_OSUSER (set TMPDIR=/tmp)" >&2
        return 1
    fi
    dir=$(mktemp -d "$CLS_TMPBASE/c/$name.XXXX") || return 1
    data=$dir/data log=$dir/postgres.log
    [ "$(id -u)" = 0 ] && chown "$CLS_PG_OSUSER:" "$dir"
    chmod 700 "$dir"
    if ! cls__as_pg "$CLS_PGBIN/initdb" -D "$data" -U "$CLS_PGUSER" --auth=trust \
            -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2; echo "cls: initdb failed for '$name'" >&2; return 1
    fi
    {
        echo "# ---- cls test harness settings ----"
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '$dir'"
        echo "shared_buffers = 128MB"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
        echo "max_worker_processes = 16"
        echo "max_parallel_workers = 8"
        echo "timezone = 'UTC'"
        echo "lc_messages = 'C'"
        echo "log_line_prefix = '%m [%p] %q%u@%d '"
        echo "log_min_messages = warning"
        echo "# ---- extra settings for cluster '$name' ----"
        for line in "$@"; do echo "$line"; done
        echo "include_if_exists = 'cls_port.conf'"
    } > "$dir/extra.conf"
    cls__as_pg sh -c "cat '$dir/extra.conf' >> '$data/postgresql.conf'" || return 1
    cls__as_pg sh -c "printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 trust' > '$data/pg_hba.conf'" || return 1
    for _ in 1 2 3 4 5 6 7 8; do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        cls__port_busy "$port" && continue
        cls__as_pg sh -c "echo 'port = $port' > '$data/cls_port.conf'" || return 1
        # register before starting so that the cleanup trap always sees it
        echo "$data" >> "$CLS_TMPBASE/clusters.list"
        declare -gx "CLS_C_${name}_DATA=$data"
        if cls__as_pg "$CLS_PGBIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start >"$dir/pg_ctl.log" 2>&1; then
            ok=1; break
        fi
        cls__stop_datadir "$data"
        grep -qE 'could not bind|Address already in use|could not create any TCP/IP' "$log" 2>/dev/null \
            || break
    done
    CLS__MY_CLUSTERS+=("$name")
    if [ "$ok" != 1 ]; then
        echo "cls: could not start cluster '$name'; log $log:" >&2
        tail -n 30 "$log" >&2 2>/dev/null; cat "$dir/pg_ctl.log" >&2
        return 1
    fi
    declare -gx "CLS_C_${name}_HOST=$dir" "CLS_C_${name}_PORT=$port" \
        "CLS_C_${name}_LOG=$log" "CLS_C_${name}_DIR=$dir"
    cls_cluster_env "$name"
    # the server must see the private share dir, not the system one
    local sd
    sd=$(cls_psql -At -c "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'") || return 1
    if [ "$sd" != "$CLS_PRIVATE_ROOT$CLS_SYS_SHAREDIR" ]; then
        echo "cls: cluster '$name' uses SHAREDIR $sd, not the private install" >&2; return 1
    fi
}

# cls_cluster_env NAME -> export PGHOST PGPORT PGUSER PGDATABASE CLS_CLUSTER CLS_PGDATA
cls_cluster_env() {
    local name=$1 h="CLS_C_${1}_HOST" p="CLS_C_${1}_PORT" d="CLS_C_${1}_DATA"
    [ -n "${!p:-}" ] || cls_die "unknown cluster '$name'"
    export PGHOST=${!h} PGPORT=${!p} PGUSER=$CLS_PGUSER PGDATABASE=postgres
    export CLS_CLUSTER=$name CLS_PGDATA=${!d}
}

# cls_cluster_conninfo NAME [DBNAME] -> prints a libpq conninfo (TCP, 127.0.0.1)
cls_cluster_conninfo() {
    local p="CLS_C_${1}_PORT"
    [ -n "${!p:-}" ] || cls_die "unknown cluster '$1'"
    echo "host=127.0.0.1 port=${!p} user=$CLS_PGUSER dbname=${2:-postgres}"
}

# cls_cluster_stop NAME / cls_cluster_restart NAME
cls_cluster_stop() {
    local d="CLS_C_${1}_DATA"; [ -n "${!d:-}" ] || cls_die "unknown cluster '$1'"
    cls__stop_datadir "${!d}"
}
cls_cluster_restart() {
    local d="CLS_C_${1}_DATA" l="CLS_C_${1}_LOG"; [ -n "${!d:-}" ] || cls_die "unknown cluster '$1'"
    cls__as_pg "$CLS_PGBIN/pg_ctl" -D "${!d}" -l "${!l}" -m fast -w -t 60 restart >/dev/null
}

# ------------------------------------------------------------------- psql --
# cls_psql ARGS...       -> private psql -X -v ON_ERROR_STOP=1 -q on the current cluster
# cls_psql_on NAME ARGS... -> same, on cluster NAME (current cluster unchanged)
# cls_sql QUERY [DB]     -> prints the unaligned, tuples-only result of QUERY
cls_psql() {
    [ -n "${CLS_PGBIN:-}" ] || cls_die "cls_psql: no private install (CLS_PGBIN unset)"
    "$CLS_PGBIN/psql" -X -v ON_ERROR_STOP=1 -q "$@"
}
cls_psql_on() { local n=$1; shift; ( cls_cluster_env "$n"; cls_psql "$@" ); }
cls_sql() { cls_psql -At -d "${2:-${PGDATABASE:-postgres}}" -c "$1"; }

# cls_require_cluster -> for test/t/*.sh: reuse the cluster exported by
# test/check.sh (CLS_MAIN_CLUSTER), or, when the script is run on its own,
# build + install privately and start a cluster 'main'.
cls_require_cluster() {
    if [ -n "${CLS_MAIN_CLUSTER:-}" ] && [ -n "${CLS_PGBIN:-}" ]; then
        cls__ensure_user
        cls_cluster_env "$CLS_MAIN_CLUSTER"
        return 0
    fi
    cls_private_install || cls_die "private install failed"
    cls_cluster_start main || cls_die "cluster start failed"
    export CLS_MAIN_CLUSTER=main
}

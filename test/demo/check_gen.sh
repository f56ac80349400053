#!/bin/sh
# test/demo/check_gen.sh -- quick self-check of gen_warehouse.c (no PostgreSQL
# needed): build, determinism (same seed -> identical files, other seed ->
# different), and sanity of a small warehouse checked with awk.
# Prints TAP-like "ok - ..." / "not ok - ..." lines; exits non-zero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check_gen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ok()  { echo "ok - $*"; }
nok() { echo "not ok - $*"; fail=1; }
check() { # check "description" command...
	d=$1; shift
	if "$@"; then ok "$d"; else nok "$d"; fi
}

CC=${CC:-cc}
if $CC -O2 -std=c99 -Wall -Wextra -Werror -o "$tmp/gen" "$here/gen_warehouse.c" -lm; then
	ok "build with -std=c99 -Wall -Wextra -Werror"
else
	nok "build with -std=c99 -Wall -Wextra -Werror"; exit 1
fi

N=300
FILES="person.tsv measurement.tsv drug_exposure.tsv truth_episode.tsv truth_exclusion.tsv"
run() { "$tmp/gen" --patients $N --seed "$1" --out "$tmp/$2" 2>"$tmp/$2.err"; }
check "run --seed 42" run 42 a
check "run --seed 42 again" run 42 b
check "run --seed 43" run 43 c
sums() { (cd "$tmp/$1" && cksum $FILES | awk '{print $1, $2, $3}'); }
check "same seed gives byte-identical files" test "$(sums a)" = "$(sums b)"
check "another seed gives different files" test "$(sums a)" != "$(sums c)"
check "usage error without --seed" sh -c "! '$tmp/gen' --patients 3 --out '$tmp/x' 2>/dev/null"

D=$tmp/a
cat "$tmp/a.err" | sed 's/^/# /'

# stderr row counts match the files
for f in $FILES; do
	n=$(wc -l < "$D/$f" | tr -d ' ')
	e=$(awk -v f="$f:" '$1 == f {print $2}' "$tmp/a.err")
	check "$f: $n rows, as reported on stderr" test "$n" = "$e"
done

check "person.tsv: $N persons, ids 1..N, gender 8507/8532, plausible year" awk -F'\t' -v n=$N '
	NF != 3 || $1 != NR || ($2 != 8507 && $2 != 8532) || $3 < 1900 || $3 > 2010 { bad++ }
	END { exit (bad || NR != n) }' "$D/person.tsv"

# measurement.tsv: shape, ids, time order, values; per-person span for later
awk -F'\t' -v n=$N -v out="$tmp/span" '
	BEGIN { TSRE = "^[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9][+]00$" }
	NF != 10 { nf++ }
	$1 != NR { ids++ }
	$4 !~ TSRE { ts++ }
	NR > 1 && $4 < prev { order++ }
	{ prev = $4 }
	$2 < 1 || $2 > n { pers++ }
	$5 != "\\N" && $5 != "NaN" && $5 !~ /^-?[0-9]+(\.[0-9]+)?$/ { val++ }
	$5 == "\\N" || $5 == "NaN" { nulls++ }
	!($2 in lo) { lo[$2] = $4 } { hi[$2] = $4 }
	END {
		for (p in lo) print p "\t" lo[p] "\t" hi[p] > out
		printf "# measurement rows %d, %.0f per person, NULL/NaN values %d\n", NR, NR / n, nulls
		if (nf)    print "# rows without 10 columns: " nf
		if (ids)   print "# measurement_id not 1..n in file order: " ids
		if (ts)    print "# bad timestamps: " ts
		if (order) print "# rows out of time order: " order
		if (pers)  print "# person_id out of range: " pers
		if (val)   print "# non-numeric values: " val
		exit (nf || ids || ts || order || pers || val || NR < 200 * n || NR > 5000 * n)
	}' "$D/measurement.tsv"
check "measurement.tsv: 10 columns, ids 1..n, global time order, values numeric/NaN/NULL, 200-5000 rows per person" test $? = 0
check "measurement.tsv: every person has measurements" test "$(wc -l < "$tmp/span" | tr -d ' ')" = "$N"

check "measurement.tsv: dirty rows (unknown units, NaN, NULL) are a few per thousand" awk -F'\t' '
	BEGIN { split("g/dL g/L % L/L mmol/L mEq/L mmHg kg lb mg/dL umol/L K/uL 10^9/L /min Cel", u, " "); for (i in u) ok[u[i]] = 1 }
	!($7 in ok) { unk++ } $5 == "NaN" || $5 == "\\N" { nn++ }
	END { f = (unk + nn) / NR; printf "# unknown unit %d, NaN/NULL %d of %d\n", unk, nn, NR; exit !(unk > 0 && nn > 0 && f < 0.01) }' "$D/measurement.tsv"

check "measurement.tsv: codes and unit concept ids as in README: Sources" awk -F'\t' '
	BEGIN {
		L[3024561] = "1751-7"; L[3023314] = "4544-3"; L[3000963] = "718-7"; L[3019550] = "2951-2"
		L[3004249] = "8480-6"; L[3012888] = "8462-4"; L[3027598] = "8478-0"; L[3025315] = "29463-7"
		L[3016723] = "2160-0"; L[3024929] = "777-3"; L[3013650] = "751-8"; L[3027018] = "8867-4"; L[3020891] = "8310-5"
		U["g/dL"] = 8713; U["g/L"] = 8636; U["%"] = 8554; U["L/L"] = 44777604; U["mmol/L"] = 8753; U["mEq/L"] = 9557
		U["mmHg"] = 8876; U["kg"] = 9529; U["lb"] = 0; U["mg/dL"] = 8840; U["umol/L"] = 8749; U["K/uL"] = 8848
		U["10^9/L"] = 9444; U["/min"] = 0; U["Cel"] = 0
	}
	L[$3] != $10 { bad++ }
	($7 in U) && U[$7] != $6 { bad++ }
	!($7 in U) && $6 != 0 { bad++ }
	END { exit bad > 0 }' "$D/measurement.tsv"

check "measurement.tsv: MAP = round((SBP + 2 DBP) / 3) at every clean BP set" awk -F'\t' '
	$7 != "mmHg" || $5 == "NaN" || $5 == "\\N" || $5 >= 300 { next }
	$3 == 3004249 { s[$2 "|" $4] = $5 } $3 == 3012888 { d[$2 "|" $4] = $5 } $3 == 3027598 { m[$2 "|" $4] = $5 }
	END {
		for (k in m) if ((k in s) && (k in d)) { n++; x = (s[k] + 2 * d[k]) / 3; if (m[k] != int(x + 0.5)) bad++ }
		printf "# %d BP sets, %d inconsistent\n", n, bad; exit (n == 0 || bad > 0)
	}' "$D/measurement.tsv"

check "drug_exposure.tsv: tagraxofusp, concept 0, 15-minute infusions, at most 20 doses per patient" awk -F'\t' '
	function mins(t) { return substr(t, 12, 2) * 60 + substr(t, 15, 2) }
	NF != 6 || $1 != NR || $3 != 0 || $6 != "tagraxofusp" { bad++ }
	(mins($5) - mins($4) + 1440) % 1440 != 15 { bad++ }
	{ per[$2]++ }
	END { for (p in per) if (per[p] > 20) bad++; exit (bad > 0 || NR == 0) }' "$D/drug_exposure.tsv"

# truth: kinds, numbering, onset within the data span, exclusions match sepsis
awk -F'\t' -v spanf="$tmp/span" -v exf="$D/truth_exclusion.tsv" '
	BEGIN {
		while ((getline l < spanf) > 0) { split(l, a, "\t"); lo[a[1]] = a[2]; hi[a[1]] = a[3] }
		while ((getline l < exf) > 0) { split(l, a, "\t"); nex++; exk[a[1]] = exk[a[1]] "|" a[3] "|" a[4]; if (a[2] != "sepsis" || a[3] > a[4]) bad++ }
		K["cls_idiopathic"]; K["cls_drug"]; K["sepsis_confounder"]; K["isolated_low_albumin"]
	}
	NF != 6 { bad++; next }
	!($3 in K) { bad++ }
	$2 != ++no[$1] { bad++ }
	($3 == "cls_drug") != ($6 != "\\N") { bad++ }
	!($1 in lo) || $4 < lo[$1] || $4 > hi[$1] { span++ }
	$5 != "\\N" && ($5 < $4 || $5 > hi[$1]) { span++ }
	{ kinds[$3]++ }
	$3 == "sepsis_confounder" { nsep++; ne = split(exk[$1], e, "|"); found = 0
		for (i = 2; i < ne; i += 2) if (e[i] <= $4 && ($5 == "\\N" || e[i + 1] >= $5)) found = 1
		if (!found) exm++ }
	END {
		for (k in K) { printf "# %s %d\n", k, kinds[k]; if (!kinds[k]) bad++ }
		if (span) print "# onset/resolution outside the data span: " span
		if (exm)  print "# sepsis episodes not covered by an exclusion: " exm
		exit (bad || span || exm || nex != nsep)
	}' "$D/truth_episode.tsv"
check "truth: valid kinds and numbering, every onset/resolution inside the patient data span, one covering exclusion per sepsis episode" test $? = 0

# treated patients without a cls_drug episode keep albumin >= 3.5 g/dL
awk -F'\t' -v tf="$D/truth_episode.tsv" -v df="$D/drug_exposure.tsv" '
	BEGIN {
		while ((getline l < df) > 0) { split(l, a, "\t"); tr[a[2]] = 1 }
		while ((getline l < tf) > 0) { split(l, a, "\t"); if (a[3] == "cls_drug") delete tr[a[1]] }
	}
	$3 == 3024561 && ($2 in tr) && $5 != "NaN" && $5 != "\\N" {
		v = $7 == "g/L" ? $5 / 10 : $7 == "g/dL" ? $5 : -1
		if (v >= 0 && v < 10 && v < 3.5) bad++
	}
	END { exit bad > 0 }' "$D/measurement.tsv"
check "treated patients without drug CLS: albumin stays >= 3.5 g/dL" test $? = 0

exit $fail

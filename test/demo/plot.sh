#!/bin/bash
# test/demo/plot.sh -- timeline pictures of a few patients of the demo warehouse.
#
#   bash test/demo/plot.sh --out DIR [--detected RELATION] [PERSON_ID ...]
#
# For each patient, one PNG (DIR/timeline_person_<id>.png) with four panels on
# a shared calendar axis (dates, UTC): albumin in g/dL (converted with
# cls.to_canonical), hematocrit in %, weight in kg (gains of >= 1.5 kg over the
# previous day's weight, the label's hold rule, marked in red) and systolic
# blood pressure in mmHg, with
#   - the simulated true episodes (truth.episode) shaded, one colour per kind,
#     named clinically in the title and legend (only the kinds the patient has),
#   - tagraxofusp doses (omop.drug_exposure) as dotted vertical lines and the
#     cycle days 1, 8 and 15 of every cycle (cls.cycles) above the top panel,
#   - the thresholds that matter as dashed lines (albumin 3.5 = LLN and the
#     label's trigger, 3.0 = CTCAE grade 2; hematocrit 45 %; SBP 90 mmHg),
#   - with --detected RELATION (columns person_id, onset, resolution; e.g. the
#     episodes cls detected), those spans as bars along the top of each panel.
# Without PERSON_IDs it picks three: the lowest person_id with a resolved
# planted episode of each kind cls_idiopathic, cls_drug (cycle 1) and
# sepsis_confounder.
#
# Connection: libpq environment (PGHOST, PGPORT, PGUSER, PGDATABASE), the psql
# command in $PSQL (default: psql).  Needs gnuplot (Debian: gnuplot-nox) with
# the pngcairo terminal (falls back to png).  Prints the PNG paths, one a line.
set -euo pipefail

out='' detected=''
ids=()
while [ $# -gt 0 ]; do
    case $1 in
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        --detected) detected=${2:?--detected needs a relation}; shift 2 ;;
        -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        [0-9]*) ids+=("$1"); shift ;;
        *) echo "plot.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] || { echo "usage: plot.sh --out DIR [--detected RELATION] [PERSON_ID ...]" >&2; exit 2; }
command -v gnuplot >/dev/null || { echo "plot.sh: gnuplot not found (apt-get install gnuplot-nox)" >&2; exit 1; }
read -r -a PSQLCMD <<< "${PSQL:-psql}"
q() { "${PSQLCMD[@]}" -X -q -v ON_ERROR_STOP=1 -At -F ' ' "$@"; }

mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/cls-plot.XXXXXX")
trap 'rm -rf "$work"' EXIT

if gnuplot -e 'set terminal' 2>&1 | grep -qw pngcairo; then
    term="pngcairo size 1150,1000 font 'DejaVu Sans,10' noenhanced"
else
    term="png size 1150,1000 noenhanced"
fi

if [ ${#ids[@]} -eq 0 ]; then
    mapfile -t ids < <(q -c "
        SELECT person_id FROM (
            SELECT DISTINCT ON (kind) kind, person_id
              FROM truth.episode
             WHERE resolution IS NOT NULL
               AND (kind IN ('cls_idiopathic', 'sepsis_confounder')
                    OR (kind = 'cls_drug' AND cycle = 1))
             ORDER BY kind, person_id) p
         ORDER BY CASE kind WHEN 'cls_idiopathic' THEN 1 WHEN 'cls_drug' THEN 2 ELSE 3 END")
fi
[ ${#ids[@]} -gt 0 ] || { echo "plot.sh: no patients to plot" >&2; exit 1; }

# values of one analyte in its canonical unit, usable rows only: epoch seconds, value
series_sql() { # ANALYTE PERSON
    cat <<SQL
SELECT extract(epoch FROM m.measurement_datetime),
       cls.to_canonical('$1', m.value_as_number, m.unit_source_value)
  FROM omop.measurement m
 WHERE m.person_id = $2
   AND cls.analyte_of(m.measurement_concept_id)::text = '$1'
   AND CASE WHEN cls.value_problem('$1', m.value_as_number, m.unit_source_value) IS NULL
            THEN m.value_as_number IS NOT NULL ELSE false END
 ORDER BY m.measurement_datetime
SQL
}

# clinical names of the generator's episode kinds, and their shading
kind_name() {
    case $1 in
        cls_idiopathic) echo 'idiopathic CLS attack' ;;
        cls_drug) echo 'drug-induced CLS' ;;
        sepsis_confounder) echo 'sepsis (CLS look-alike)' ;;
        isolated_low_albumin) echo 'low albumin alone (look-alike)' ;;
        *) echo "$1" ;;
    esac
}
kind_colour() {
    case $1 in
        cls_idiopathic) echo '#f4a6a6' ;; cls_drug) echo '#f7c98b' ;;
        sepsis_confounder) echo '#a9c4e8' ;; *) echo '#d9d9a0' ;;
    esac
}

for id in "${ids[@]}"; do
    [[ $id =~ ^[0-9]+$ ]] || { echo "plot.sh: bad person_id '$id'" >&2; exit 2; }
    d=$work/$id
    mkdir -p "$d"
    q -c "$(series_sql albumin "$id")" > "$d/albumin.dat"
    q -c "$(series_sql hematocrit "$id")" > "$d/hct.dat"
    q -c "$(series_sql sbp "$id")" > "$d/sbp.dat"
    q -c "$(series_sql weight "$id")" > "$d/weight.dat"
    # weights >= 1.5 kg above the previous day's (the label's weight-gain hold rule;
    # the previous day = the latest weight 12 to 36 h earlier)
    q -c "WITH w AS ($(series_sql weight "$id"))
          SELECT w.extract, w.to_canonical
            FROM w
           WHERE w.to_canonical - (SELECT p.to_canonical FROM w p
                                    WHERE p.extract BETWEEN w.extract - 36 * 3600 AND w.extract - 12 * 3600
                                    ORDER BY p.extract DESC LIMIT 1) >= 1.5" > "$d/gain.dat"
    q -c "SELECT extract(epoch FROM drug_exposure_start_datetime)
            FROM omop.drug_exposure
           WHERE person_id = $id AND drug_source_value = 'tagraxofusp'
           ORDER BY 1" > "$d/doses.dat"
    # cycle day 1, 8 and 15 of every tagraxofusp cycle (cls.cycles: 24-hour days from the cycle's first dose)
    q -c "SELECT extract(epoch FROM (c).start + (k - 1) * interval '1 day'),
                 CASE k WHEN 1 THEN 'C' || (c).cycle_no || 'D1' ELSE 'D' || k END
            FROM (SELECT unnest(cls.cycles(drug_exposure_start_datetime)) AS c
                    FROM omop.drug_exposure
                   WHERE person_id = $id AND drug_source_value = 'tagraxofusp') s,
                 unnest(ARRAY[1, 8, 15]) AS k
           ORDER BY 1" > "$d/cycles.dat"
    # true (planted) episodes: start end kind (open episodes run to the end of the data)
    q -c "WITH last AS (SELECT max(measurement_datetime) AS t1 FROM omop.measurement WHERE person_id = $id)
          SELECT extract(epoch FROM onset), extract(epoch FROM coalesce(resolution, t1)), kind
            FROM truth.episode, last
           WHERE person_id = $id ORDER BY onset" > "$d/truth.dat"
    : > "$d/detected.dat"
    if [ -n "$detected" ]; then
        q -c "WITH last AS (SELECT max(measurement_datetime) AS t1 FROM omop.measurement WHERE person_id = $id)
              SELECT extract(epoch FROM onset), extract(epoch FROM coalesce(resolution, t1))
                FROM $detected, last
               WHERE person_id = $id AND onset IS NOT NULL ORDER BY onset" > "$d/detected.dat"
    fi
    read -r x0 x1 < <(q -c "SELECT extract(epoch FROM min(measurement_datetime)), extract(epoch FROM max(measurement_datetime))
                              FROM omop.measurement WHERE person_id = $id")
    what=$(q -c "SELECT string_agg(kind || CASE WHEN cycle IS NOT NULL THEN ' ' || cycle ELSE '' END, ',' ORDER BY episode_no)
                   FROM truth.episode WHERE person_id = $id")
    title="Patient $id (synthetic) --"
    sep=' '
    IFS=, read -r -a eps <<< "$what"
    for e in "${eps[@]}"; do
        k=${e%% *} c=${e#"$k"}
        title="$title$sep$(kind_name "$k")${c:+ in tagraxofusp cycle${c}}"; sep=', '
    done
    [ ${#eps[@]} -eq 0 ] && title="$title no simulated episode"
    [ -s "$d/doses.dat" ] || title="$title (no tagraxofusp)"

    png=$out/timeline_person_$id.png
    {
        echo "set terminal $term"
        echo "set output '$png'"
        echo "set multiplot layout 4,1 title \"$title\" font ',12'"
        echo "set xdata time; set timefmt '%s'"
        echo "set xrange ['$x0':'$x1']"
        echo "set grid xtics ytics lc rgb '#dddddd'"
        echo "set key outside right top vertical samplen 2"
        echo "set lmargin 11; set rmargin 38; set tmargin 1.5; set bmargin 1"
        # shaded true episodes (behind the data), one colour per kind
        while read -r a b kind; do
            echo "set object rect from $a, graph 0 to $b, graph 1 back fc rgb '$(kind_colour "$kind")' fs solid 0.6 noborder"
        done < "$d/truth.dat"
        while read -r x; do
            echo "set arrow from $x, graph 0 to $x, graph 1 nohead back dt 3 lw 1.2 lc rgb '#7b3294'"
        done < "$d/doses.dat"
        while read -r a b; do
            echo "set object rect from $a, graph 0.93 to $b, graph 0.99 front fc rgb '#1a9641' fs solid 0.9 noborder"
        done < "$d/detected.dat"
        # legend: only the episode kinds this patient has (NaN plots draw nothing)
        legend=
        for k in $(awk '{ print $3 }' "$d/truth.dat" | sort -u); do
            legend="$legend, NaN with boxes fs solid 0.6 lc rgb '$(kind_colour "$k")' title 'true episode: $(kind_name "$k")'"
        done
        [ -s "$d/detected.dat" ] && legend="$legend, NaN with boxes fs solid 0.9 lc rgb '#1a9641' title 'episode cls detected'"
        [ -s "$d/doses.dat" ] && legend="$legend, NaN with lines dt 3 lw 1.2 lc rgb '#7b3294' title 'tagraxofusp dose'"
        echo "set style fill solid 0.6 noborder"
        echo "set format x ''"
        # cycle day 1 / 8 / 15 above the top panel
        awk -v a="$x0" -v b="$x1" '$1 >= a && $1 <= b {
            printf "set label \"%s\" at %s, graph 1.04 center font \",8\" tc rgb \"#7b3294\"\n", $2, $1 }' "$d/cycles.dat"
        lln="LLN 3.5"
        [ -s "$d/doses.dat" ] && lln="LLN 3.5 (label: hold if < 3.5)"
        echo "set ylabel 'albumin (g/dL)'"
        echo "set yrange [1.5:5.2]"
        echo "plot '$d/albumin.dat' using 1:2 with linespoints pt 7 ps 0.5 lw 1.5 lc rgb '#2c7bb6' title 'albumin', \
3.5 with lines dt 2 lc rgb '#555555' title '$lln', \
3.0 with lines dt 2 lc rgb '#d7191c' title 'CTCAE grade 2: < 3.0'$legend"
        echo "unset label"
        echo "set ylabel 'hematocrit (%)'"
        echo "set yrange [25:70]"
        echo "plot '$d/hct.dat' using 1:2 with linespoints pt 7 ps 0.5 lw 1.5 lc rgb '#a6611a' title 'hematocrit', \
45 with lines dt 2 lc rgb '#555555' title 'hemoconcentration > 45 %'"
        echo "set ylabel 'weight (kg)'"
        # at least 8 kg tall, so that day-to-day scatter of a few hundred grams looks like it
        echo "set yrange [$(awk 'NR == 1 { lo = hi = $2 } { if ($2 < lo) lo = $2; if ($2 > hi) hi = $2 }
            END { if (NR == 0) { lo = 60; hi = 80 } m = (lo + hi) / 2; h = (hi - lo) / 2 + 1; if (h < 4) h = 4
                  printf "%.0f:%.0f", m - h, m + h + 1 }' "$d/weight.dat")]"
        if [ -s "$d/weight.dat" ]; then
            wplot="'$d/weight.dat' using 1:2 with linespoints pt 7 ps 0.5 lw 1.5 lc rgb '#4d4d4d' title 'weight'"
            [ -s "$d/gain.dat" ] && wplot="$wplot, '$d/gain.dat' using 1:2 with points pt 9 ps 1.4 lc rgb '#d7191c' title '>= 1.5 kg above previous day'"
        else
            wplot="NaN title 'no weight recorded'"
        fi
        echo "plot $wplot"
        echo "set bmargin 3"
        echo "set format x \"%d %b\\n%Y\"; set xlabel 'date (UTC); cycle day above the top panel (C1D1 = day 1 of cycle 1, its first dose)'"
        echo "set offsets 0, 0, 0, 0"
        echo "set ylabel 'systolic BP (mmHg)'"
        echo "set yrange [40:180]"
        echo "plot '$d/sbp.dat' using 1:2 with lines lw 1 lc rgb '#404040' title 'SBP', \
90 with lines dt 2 lc rgb '#d7191c' title 'hypotension < 90'"
        echo "unset multiplot"
    } > "$d/plot.gp"
    # an empty data file is a warning in gnuplot, not an error; keep stderr for failures
    if ! gnuplot "$d/plot.gp" 2> "$d/gnuplot.err"; then
        cat "$d/gnuplot.err" >&2
        echo "plot.sh: gnuplot failed for person $id" >&2
        exit 1
    fi
    echo "$png"
done

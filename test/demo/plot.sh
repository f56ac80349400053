#!/bin/bash
# test/demo/plot.sh -- timeline pictures of a few patients of the demo warehouse.
#
#   bash test/demo/plot.sh --out DIR [--detected RELATION] [PERSON_ID ...]
#
# For each patient, one PNG (DIR/timeline_person_<id>.png) with three panels on
# a shared time axis (days since the patient's first measurement): albumin in
# g/dL (converted with cls.to_canonical), hematocrit in % and systolic blood
# pressure in mmHg, with
#   - the planted truth episodes (truth.episode) shaded, one colour per kind,
#   - tagraxofusp doses (omop.drug_exposure) as dotted vertical lines,
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
    term="pngcairo size 1100,780 font 'DejaVu Sans,10' noenhanced"
else
    term="png size 1100,780 noenhanced"
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

# values of one analyte in its canonical unit, usable rows only
series_sql() { # ANALYTE PERSON
    cat <<SQL
SELECT extract(epoch FROM m.measurement_datetime - t0.t0) / 86400,
       cls.to_canonical('$1', m.value_as_number, m.unit_source_value)
  FROM omop.measurement m, t0
 WHERE m.person_id = $2
   AND cls.analyte_of(m.measurement_concept_id)::text = '$1'
   AND CASE WHEN cls.value_problem('$1', m.value_as_number, m.unit_source_value) IS NULL
            THEN m.value_as_number IS NOT NULL ELSE false END
 ORDER BY m.measurement_datetime
SQL
}

for id in "${ids[@]}"; do
    [[ $id =~ ^[0-9]+$ ]] || { echo "plot.sh: bad person_id '$id'" >&2; exit 2; }
    d=$work/$id
    mkdir -p "$d"
    t0="WITH t0 AS (SELECT min(measurement_datetime) AS t0 FROM omop.measurement WHERE person_id = $id)"
    q -c "$t0 $(series_sql albumin "$id")" > "$d/albumin.dat"
    q -c "$t0 $(series_sql hematocrit "$id")" > "$d/hct.dat"
    q -c "$t0 $(series_sql sbp "$id")" > "$d/sbp.dat"
    q -c "$t0 SELECT extract(epoch FROM drug_exposure_start_datetime - t0) / 86400
                FROM omop.drug_exposure, t0
               WHERE person_id = $id AND drug_source_value = 'tagraxofusp'
               ORDER BY 1" > "$d/doses.dat"
    # episodes: start end kind (open episodes run to the end of the data)
    q -c "$t0, last AS (SELECT max(measurement_datetime) AS t1 FROM omop.measurement WHERE person_id = $id)
          SELECT extract(epoch FROM onset - t0) / 86400,
                 extract(epoch FROM coalesce(resolution, t1) - t0) / 86400, kind
            FROM truth.episode, t0, last
           WHERE person_id = $id ORDER BY onset" > "$d/truth.dat"
    : > "$d/detected.dat"
    if [ -n "$detected" ]; then
        q -c "$t0, last AS (SELECT max(measurement_datetime) AS t1 FROM omop.measurement WHERE person_id = $id)
              SELECT extract(epoch FROM onset - t0) / 86400,
                     extract(epoch FROM coalesce(resolution, t1) - t0) / 86400
                FROM $detected, t0, last
               WHERE person_id = $id AND onset IS NOT NULL ORDER BY onset" > "$d/detected.dat"
    fi
    dlegend=''
    [ -s "$d/detected.dat" ] && dlegend=' green bar: detected;'
    title=$(q -c "SELECT 'person ' || $id || ': ' || coalesce(string_agg(kind
                    || CASE WHEN cycle IS NOT NULL THEN ' (tagraxofusp cycle ' || cycle || ')' ELSE '' END,
                    ', ' ORDER BY episode_no), 'no planted episode')
                    || ' -- shaded: planted episodes;$dlegend dotted: tagraxofusp doses'
                  FROM truth.episode WHERE person_id = $id")
    xmax=$(q -c "SELECT ceil(extract(epoch FROM max(measurement_datetime) - min(measurement_datetime)) / 86400)
                   FROM omop.measurement WHERE person_id = $id")

    png=$out/timeline_person_$id.png
    {
        echo "set terminal $term"
        echo "set output '$png'"
        echo "set multiplot layout 3,1 title \"$title\""
        echo "set xrange [0:$xmax]"
        echo "set grid xtics ytics lc rgb '#dddddd'"
        echo "set key outside right top vertical samplen 2"
        echo "set lmargin 10; set rmargin 30"
        # shaded truth episodes (behind the data), one colour per kind
        while read -r a b kind; do
            case $kind in
                cls_idiopathic) c='#f4a6a6' ;; cls_drug) c='#f7c98b' ;;
                sepsis_confounder) c='#a9c4e8' ;; *) c='#d9d9a0' ;;
            esac
            echo "set object rect from $a, graph 0 to $b, graph 1 back fc rgb '$c' fs solid 0.6 noborder"
        done < "$d/truth.dat"
        # doses
        while read -r x; do
            echo "set arrow from $x, graph 0 to $x, graph 1 nohead back dt 3 lw 1.2 lc rgb '#7b3294'"
        done < "$d/doses.dat"
        # detected spans along the top
        while read -r a b; do
            echo "set object rect from $a, graph 0.93 to $b, graph 0.99 front fc rgb '#1a9641' fs solid 0.9 noborder"
        done < "$d/detected.dat"
        # legend entries for the shading and marks (NaN plots draw nothing)
        legend="NaN with boxes fs solid 0.6 lc rgb '#f4a6a6' title 'idiopathic CLS', \
NaN with boxes fs solid 0.6 lc rgb '#f7c98b' title 'drug-induced CLS', \
NaN with boxes fs solid 0.6 lc rgb '#a9c4e8' title 'sepsis (look-alike)', \
NaN with boxes fs solid 0.6 lc rgb '#d9d9a0' title 'isolated low albumin', \
NaN with lines dt 3 lw 1.2 lc rgb '#7b3294' title 'tagraxofusp dose'"
        [ -s "$d/detected.dat" ] && legend="$legend, NaN with boxes fs solid 0.9 lc rgb '#1a9641' title 'detected (cls)'"
        echo "set style fill solid 0.6 noborder"
        echo "unset xlabel; set format x ''"
        echo "set ylabel 'albumin (g/dL)'"
        echo "set yrange [1.5:5.2]"
        echo "plot '$d/albumin.dat' using 1:2 with linespoints pt 7 ps 0.5 lw 1.5 lc rgb '#2c7bb6' title 'albumin', \
3.5 with lines dt 2 lc rgb '#555555' title 'LLN 3.5 / label trigger', \
3.0 with lines dt 2 lc rgb '#d7191c' title 'grade 2 (< 3.0)', $legend"
        echo "set ylabel 'hematocrit (%)'"
        echo "set yrange [25:70]"
        echo "plot '$d/hct.dat' using 1:2 with linespoints pt 7 ps 0.5 lw 1.5 lc rgb '#a6611a' title 'hematocrit', \
45 with lines dt 2 lc rgb '#555555' title 'hemoconcentration 45 %'"
        echo "set format x '%g'; set xlabel 'days since the first measurement'"
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

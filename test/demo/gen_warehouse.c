/*
 * gen_warehouse.c -- deterministic synthetic research warehouse for the cls
 * extension (Capillary Leak Syndrome surveillance).
 *
 * Build:  cc -O2 -std=c99 -Wall -Wextra -Werror -o gen test/demo/gen_warehouse.c -lm
 * Usage:  gen --patients N --seed S --out DIR [--rows-per-patient R]
 *
 * Writes PostgreSQL COPY text files (tab separated, \N = NULL) into DIR:
 *   person.tsv         person_id, gender_concept_id, year_of_birth
 *   measurement.tsv    measurement_id, person_id, measurement_concept_id,
 *                      measurement_datetime, value_as_number, unit_concept_id,
 *                      unit_source_value, range_low, range_high,
 *                      measurement_source_value (LOINC)
 *                      -- rows in time order over the whole table (patients
 *                      interleaved), measurement_id ascending in that order.
 *   drug_exposure.tsv  drug_exposure_id, person_id, drug_concept_id,
 *                      drug_exposure_start_datetime, drug_exposure_end_datetime,
 *                      drug_source_value
 *   truth_episode.tsv  person_id, episode_no, kind, onset, resolution, cycle
 *   truth_exclusion.tsv person_id, kind, lower, upper
 *
 * Determinism: one xoshiro256** stream per patient, seeded through splitmix64
 * from (--seed, person_id).  No time(), no rand(), no transcendental libm
 * functions (Gaussian noise is an Irwin-Hall sum of 4 uniforms, shapes are
 * smoothstep polynomials), only IEEE +,-,*,/ and llround/floor, so the output
 * is byte-identical for identical arguments on any IEEE-754 machine (build
 * with -std=c99 as above: ISO mode does not contract a*b+c into FMA).  Sorting
 * is a stable LSD radix sort over rows appended in a deterministic order.
 *
 * Clinical picture (see /work/shared/spec/README: Sources sections 1, 4,
 * 5, 6, 8): baseline patients, idiopathic CLS attacks (hypotension +
 * hemoconcentration, albumin nadir lagging the SBP nadir by 24-48 h),
 * tagraxofusp-induced CLS (albumin fall + weight gain, no hemoconcentration),
 * and confounders (sepsis: hypotension + fever + tachycardia; isolated low
 * albumin).  Truth definitions are at truth_eval() below.
 *
 * Dirty rows are EXTRA rows (the clean row is always also written), so
 * dropping them leaves exactly the data from which the truth was computed.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ------------------------------------------------------------------ PRNG */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

typedef struct { uint64_t s[4]; } Rng;

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(Rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

static void rng_seed(Rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t sm = seed;
	uint64_t mix = splitmix64(&sm) ^ (stream * 0xD1B54A32D192ED03ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&mix);
}

static double unif(Rng *r) { return (double) (rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }
static double U(Rng *r, double a, double b) { return a + (b - a) * unif(r); }
static int irand(Rng *r, int a, int b) /* inclusive */
{
	return a + (int) (unif(r) * (double) (b - a + 1));
}
/* bounded approximately normal noise (Irwin-Hall n=4), sd 1, |z| <= 3.46 */
static double gauss(Rng *r)
{
	double s = unif(r) + unif(r) + unif(r) + unif(r);
	return (s - 2.0) * 1.7320508075688772;
}

/* -------------------------------------------------------------- analytes */

enum { A_ALB, A_HCT, A_HGB, A_NA, A_SBP, A_DBP, A_MAP, A_HR, A_TEMP, A_WT,
	   A_CREAT, A_PLT, A_NEUT, N_AN };

typedef struct {
	int concept;              /* OMOP unit concept_id, 0 = none */
	const char *src;          /* unit_source_value */
	double factor;            /* written = canonical * factor */
	int dec;                  /* decimals written */
} UnitVar;

typedef struct {
	const char *name;
	int concept;              /* measurement_concept_id */
	const char *loinc;        /* measurement_source_value */
	UnitVar var[2];           /* var[0] = canonical unit */
	int nvar;
	int has_range;
	double lo[2], hi[2];      /* reference range, canonical unit, [female, male] */
	const char *dirty_unit[2];
} Analyte;

#define LB_PER_KG 2.2046226218487757 /* 1 / 0.45359237 */

static const Analyte AN[N_AN] = {
	/* OMOP/LOINC/unit ids: README: Sources / 5.2 */
	[A_ALB] = {"albumin", 3024561, "1751-7",
			   {{8713, "g/dL", 1.0, 1}, {8636, "g/L", 10.0, 0}}, 2,
			   1, {3.5, 3.5}, {5.0, 5.0}, {"g/dl2", "g/dl%"}},
	[A_HCT] = {"hematocrit", 3023314, "4544-3",
			   {{8554, "%", 1.0, 1}, {44777604, "L/L", 0.01, 3}}, 2,
			   1, {36.0, 40.0}, {46.0, 52.0}, {"pct", "%%"}},
	[A_HGB] = {"hemoglobin", 3000963, "718-7",
			   {{8713, "g/dL", 1.0, 1}, {8713, "g/dL", 1.0, 1}}, 1,
			   1, {12.0, 13.5}, {16.0, 17.5}, {"g/dl)", "g/dl%"}},
	[A_NA] = {"sodium", 3019550, "2951-2",
			  {{8753, "mmol/L", 1.0, 0}, {9557, "mEq/L", 1.0, 0}}, 2,
			  1, {135.0, 135.0}, {145.0, 145.0}, {"mmol", "meq"}},
	[A_SBP] = {"sbp", 3004249, "8480-6",
			   {{8876, "mmHg", 1.0, 0}, {8876, "mmHg", 1.0, 0}}, 1,
			   0, {0, 0}, {0, 0}, {"mm/Hg", "mmHG2"}},
	[A_DBP] = {"dbp", 3012888, "8462-4",
			   {{8876, "mmHg", 1.0, 0}, {8876, "mmHg", 1.0, 0}}, 1,
			   0, {0, 0}, {0, 0}, {"mm/Hg", "mmHG2"}},
	[A_MAP] = {"map", 3027598, "8478-0",
			   {{8876, "mmHg", 1.0, 0}, {8876, "mmHg", 1.0, 0}}, 1,
			   0, {0, 0}, {0, 0}, {"mm/Hg", "mmHG2"}},
	/* Heart rate: concept 3027018 for LOINC 8867-4 is NOT verified in
	 * Athena (README: Sources does not list it); unit_concept_id 0. */
	[A_HR] = {"heart_rate", 3027018, "8867-4",
			  {{0, "/min", 1.0, 0}, {0, "/min", 1.0, 0}}, 1,
			  0, {0, 0}, {0, 0}, {"bpmm", "beats"}},
	/* Body temperature: concept 3020891 for LOINC 8310-5 is NOT verified
	 * in Athena; unit_concept_id 0, unit_source_value UCUM 'Cel'. */
	[A_TEMP] = {"temperature", 3020891, "8310-5",
				{{0, "Cel", 1.0, 1}, {0, "Cel", 1.0, 1}}, 1,
				0, {0, 0}, {0, 0}, {"C?", "degrees"}},
	/* weight in pounds: unit_concept_id 0, unit_source_value 'lb' */
	[A_WT] = {"weight", 3025315, "29463-7",
			  {{9529, "kg", 1.0, 1}, {0, "lb", LB_PER_KG, 1}}, 2,
			  0, {0, 0}, {0, 0}, {"kilo", "lbs2"}},
	[A_CREAT] = {"creatinine", 3016723, "2160-0",
				 {{8840, "mg/dL", 1.0, 2}, {8749, "umol/L", 88.4, 0}}, 2,
				 1, {0.6, 0.7}, {1.1, 1.2}, {"mgdl", "umol"}},
	[A_PLT] = {"platelets", 3024929, "777-3",
			   {{9444, "10^9/L", 1.0, 0}, {8848, "K/uL", 1.0, 0}}, 2,
			   1, {150.0, 150.0}, {400.0, 400.0}, {"x10E3", "thou"}},
	[A_NEUT] = {"neutrophils", 3013650, "751-8",
				{{9444, "10^9/L", 1.0, 2}, {8848, "K/uL", 1.0, 2}}, 2,
				1, {1.8, 1.8}, {7.7, 7.7}, {"cells", "x10E3"}},
};

/* ------------------------------------------------------------ row store */

enum { D_CLEAN, D_UNIT, D_IMPOSSIBLE, D_NAN, D_NULL, D_DUP, N_DIRTY };
static const char *DIRTY_NAME[N_DIRTY] = {
	"clean", "unknown_unit", "impossible_value", "nan_value", "null_value", "duplicate"};

/* key = (minutes since 2020-01-01 << 34) | (person << 8) | (analyte << 4) | dirty
 * uv = unit variant (0/1), or 2/3 for dirty unit spelling 0/1 */
typedef struct {
	uint64_t key;
	double v;       /* value as written (row's unit), NaN for NULL/NaN rows */
	uint8_t uv;
} Row;

static Row *rows;
static size_t nrows, caprows;
static uint64_t dirty_count[N_DIRTY];

#define EPOCH2020 1577836800LL  /* 2020-01-01 00:00:00 UTC */

static void push_row(uint64_t key, double v, int uv)
{
	if (nrows == caprows) {
		caprows = caprows ? caprows * 2 : (1u << 20);
		rows = realloc(rows, caprows * sizeof(Row));
		if (!rows) { fprintf(stderr, "out of memory\n"); exit(1); }
	}
	rows[nrows].key = key;
	rows[nrows].v = v;
	rows[nrows].uv = (uint8_t) uv;
	nrows++;
}

static void radix_sort(Row *a, size_t n)
{
	Row *tmp = malloc(n * sizeof(Row) + 1);
	size_t *cnt = malloc(256 * sizeof(size_t));
	if (!tmp || !cnt) { fprintf(stderr, "out of memory\n"); exit(1); }
	Row *src = a, *dst = tmp;
	for (int shift = 0; shift < 64; shift += 8) {
		memset(cnt, 0, 256 * sizeof(size_t));
		for (size_t i = 0; i < n; i++)
			cnt[(src[i].key >> shift) & 0xFF]++;
		int trivial = 0;
		for (int b = 0; b < 256; b++)
			if (cnt[b] == n) trivial = 1;
		if (trivial) continue;
		size_t pos = 0;
		for (int b = 0; b < 256; b++) { size_t c = cnt[b]; cnt[b] = pos; pos += c; }
		for (size_t i = 0; i < n; i++)
			dst[cnt[(src[i].key >> shift) & 0xFF]++] = src[i];
		Row *t = src; src = dst; dst = t;
	}
	if (src != a) memcpy(a, src, n * sizeof(Row));
	free(tmp);
	free(cnt);
}

/* --------------------------------------------------------------- output */

typedef struct { FILE *f; char *buf; size_t n, cap; } Out;

static void out_open(Out *o, const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	o->f = fopen(path, "wb");
	if (!o->f) { fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno)); exit(1); }
	o->cap = 1 << 20;
	o->buf = malloc(o->cap);
	o->n = 0;
}
static void out_flush(Out *o)
{
	if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n) { fprintf(stderr, "write error\n"); exit(1); }
	o->n = 0;
}
static void out_close(Out *o)
{
	out_flush(o);
	if (fclose(o->f) != 0) { fprintf(stderr, "write error\n"); exit(1); }
	free(o->buf);
}
static inline void out_reserve(Out *o, size_t k) { if (o->n + k > o->cap) out_flush(o); }
static inline void out_ch(Out *o, char c) { out_reserve(o, 1); o->buf[o->n++] = c; }
static inline void out_s(Out *o, const char *s)
{
	size_t l = strlen(s);
	out_reserve(o, l);
	memcpy(o->buf + o->n, s, l);
	o->n += l;
}
static inline void out_u64(Out *o, uint64_t x)
{
	char t[24];
	int k = 0;
	do { t[k++] = (char) ('0' + x % 10); x /= 10; } while (x);
	out_reserve(o, (size_t) k);
	while (k) o->buf[o->n++] = t[--k];
}
static inline void out_i64(Out *o, int64_t x)
{
	if (x < 0) { out_ch(o, '-'); out_u64(o, (uint64_t) (-(x + 1)) + 1); }
	else out_u64(o, (uint64_t) x);
}
static const double POW10[] = {1, 10, 100, 1000, 10000};
/* fixed-point decimal, v already rounded to dec decimals */
static void out_fixed(Out *o, double v, int dec)
{
	if (isnan(v)) { out_s(o, "NaN"); return; }
	long long q = llround(v * POW10[dec]);
	if (q < 0) { out_ch(o, '-'); q = -q; }
	if (dec == 0) { out_u64(o, (uint64_t) q); return; }
	long long p = (long long) POW10[dec];
	out_u64(o, (uint64_t) (q / p));
	out_ch(o, '.');
	long long f = q % p;
	char t[8];
	for (int i = dec - 1; i >= 0; i--) { t[i] = (char) ('0' + f % 10); f /= 10; }
	out_reserve(o, (size_t) dec);
	memcpy(o->buf + o->n, t, (size_t) dec);
	o->n += (size_t) dec;
}
/* days since 1970-01-01 -> civil date (H. Hinnant) */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = (int) (yy + (*m <= 2));
}
/* unix seconds -> "YYYY-MM-DD HH:MM:SS+00" */
static void out_ts(Out *o, int64_t t)
{
	int64_t days = (t >= 0 ? t : t - 86399) / 86400;
	int64_t sod = t - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	char b[32];
	int hh = (int) (sod / 3600), mi = (int) (sod / 60 % 60), ss = (int) (sod % 60);
	b[0] = (char) ('0' + y / 1000); b[1] = (char) ('0' + y / 100 % 10);
	b[2] = (char) ('0' + y / 10 % 10); b[3] = (char) ('0' + y % 10);
	b[4] = '-'; b[5] = (char) ('0' + m / 10); b[6] = (char) ('0' + m % 10);
	b[7] = '-'; b[8] = (char) ('0' + d / 10); b[9] = (char) ('0' + d % 10);
	b[10] = ' '; b[11] = (char) ('0' + hh / 10); b[12] = (char) ('0' + hh % 10);
	b[13] = ':'; b[14] = (char) ('0' + mi / 10); b[15] = (char) ('0' + mi % 10);
	b[16] = ':'; b[17] = (char) ('0' + ss / 10); b[18] = (char) ('0' + ss % 10);
	b[19] = '+'; b[20] = '0'; b[21] = '0';
	out_reserve(o, 22);
	memcpy(o->buf + o->n, b, 22);
	o->n += 22;
}

/* ------------------------------------------------------------ physiology */

static double smooth(double x) /* 0..1 smoothstep, clamped */
{
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	return x * x * (3.0 - 2.0 * x);
}
/* 0 before a, up to 1 at b, 1 until c, down to 0 at d */
static double shape4(double h, double a, double b, double c, double d)
{
	if (h <= a || h >= d) return 0;
	if (h < b) return smooth((h - a) / (b - a));
	if (h <= c) return 1;
	return 1.0 - smooth((h - c) / (d - c));
}
static double shape3(double h, double a, double b, double c) { return shape4(h, a, b, b, c); }
/* triangle wave in [-1,1] with period p hours, peak at phase 0 */
static double tri(double h, double p)
{
	double x = h / p;
	x -= floor(x);
	return x < 0.5 ? 1.0 - 4.0 * x : -3.0 + 4.0 * x;
}

enum { K_IDIO, K_DRUG, K_SEPSIS, K_LOWALB, K_MILD, N_KIND };
static const char *KIND_NAME[N_KIND] = {
	"cls_idiopathic", "cls_drug", "sepsis_confounder", "isolated_low_albumin", "mild"};

typedef struct {
	int kind, cycle;
	double w0, w1;                   /* planned window, hours from midnight of day 0 */
	/* idiopathic */
	double T0, T1, T2, tS, tA, R;    /* R in hours */
	double sbp_n, hct_pk, alb_n, wt_g;
	/* drug / sepsis / low albumin: shape4 breakpoints */
	double a, b, c, d;
	double hypo_n;                   /* SBP nadir or 0 = no hypotension */
	double na_n;                     /* sodium nadir or 0 */
	double temp_pk, hr_pk, alb_drop;
	/* results */
	int found;
	int64_t onset_min, res_min;      /* minutes from midnight of day 0, res -1 = none */
} Event;

typedef struct {
	uint32_t id;
	int male, yob;
	int64_t mid0;                    /* unix seconds of midnight of day 0 */
	int days;                        /* span in days */
	double adm_h;                    /* admission hour on day 0 */
	double b[N_AN];                  /* baselines (canonical) */
	double hgb_ratio;
	int uv[N_AN];                    /* unit variant per analyte */
	int lab_every2;                  /* labs every other day */
	int treated, ncycles;
	double cyc_start_h[4];
	int ndose;
	double dose_h[40];
	int dose_cycle[40];
	int nev;
	Event ev[4];
	int clamp_alb35;                 /* treated without CLS: albumin >= 3.5 */
} Patient;

static void physio(const Patient *p, double h, double *x)
{
	for (int i = 0; i < N_AN; i++) x[i] = p->b[i];
	double di = tri(h - 16.0, 24.0); /* diurnal: peak 16:00, trough 04:00 */
	x[A_SBP] += 4.0 * di;
	x[A_DBP] += 2.5 * di;
	x[A_HR] += 4.0 * di;
	x[A_TEMP] += 0.2 * di;
	double crf = 1.0, pltf = 1.0, neutf = 1.0;
	for (int k = 0; k < p->nev; k++) {
		const Event *e = &p->ev[k];
		if (h < e->w0 - 1.0 || h > e->w1 + 1.0) continue;
		switch (e->kind) {
		case K_IDIO: {
			double prod = shape4(h, e->T0, e->T1, e->T2, e->T2 + 12.0);
			double lk = shape3(h, e->T1, e->tS, e->T2 + 6.0);
			double sd = 8.0 * prod + (p->b[A_SBP] - e->sbp_n - 8.0) * lk;
			x[A_SBP] -= sd;
			x[A_DBP] -= 0.55 * sd;
			x[A_HR] += 10.0 * prod + 35.0 * shape3(h, e->T1, e->tS, e->T2 + 12.0);
			double hc = shape3(h, e->T1, e->tS, e->T2 + e->R * 0.5);
			x[A_HCT] += (e->hct_pk - p->b[A_HCT]) * hc;
			x[A_NA] -= 3.0 * hc;
			crf *= 1.0 + 0.5 * hc;
			x[A_ALB] -= (p->b[A_ALB] - e->alb_n) * shape3(h, e->T1, e->tA, e->tA + e->R);
			x[A_WT] += e->wt_g * shape3(h, e->T1, e->T2, e->tA + e->R);
			break;
		}
		case K_DRUG: {
			double s = shape4(h, e->a, e->b, e->c, e->d);
			x[A_ALB] -= e->alb_drop * s;
			x[A_WT] += e->wt_g * shape4(h, e->a, e->a + 18.0, e->c, e->d);
			double hs = shape4(h, (e->a + e->b) * 0.5, e->b, (e->b + e->c) * 0.5, e->c);
			double sd = e->hypo_n > 0 ? (p->b[A_SBP] - e->hypo_n) * hs : 8.0 * hs;
			x[A_SBP] -= sd;
			x[A_DBP] -= 0.55 * sd;
			if (e->hypo_n > 0) x[A_HR] += 15.0 * hs;
			if (e->na_n > 0) x[A_NA] -= (p->b[A_NA] - e->na_n) * s;
			x[A_HCT] -= 0.5 * s; /* essentially unchanged: no hemoconcentration */
			break;
		}
		case K_SEPSIS: {
			double s = shape4(h, e->a, e->b, e->c, e->d);
			double sd = (p->b[A_SBP] - e->hypo_n) * s;
			x[A_SBP] -= sd;
			x[A_DBP] -= 0.6 * sd;
			x[A_TEMP] += (e->temp_pk - p->b[A_TEMP]) * s * (0.85 + 0.15 * tri(h, 8.0));
			x[A_HR] += (e->hr_pk - p->b[A_HR]) * s;
			x[A_HCT] -= 2.0 * s;
			x[A_ALB] -= e->alb_drop * shape4(h, e->a, e->a + 48.0, e->c, e->d + 72.0);
			pltf *= 1.0 - 0.4 * s;
			neutf *= 1.0 + 1.5 * s;
			crf *= 1.0 + 0.4 * s;
			break;
		}
		case K_LOWALB:
		case K_MILD:
			x[A_ALB] -= e->alb_drop * shape4(h, e->a, e->b, e->c, e->d);
			break;
		}
	}
	x[A_CREAT] *= crf;
	x[A_PLT] *= pltf;
	x[A_NEUT] *= neutf;
}

/* ------------------------------------------------------------ sampling */

typedef struct { int32_t min; uint8_t an; double v; } Obs; /* clean obs, canonical value */
static Obs *obs;
static size_t nobs, capobs;

static double m_stable; /* mean stable vital interval, hours */

static double rnd_dec(double v, int dec) { return (double) llround(v * POW10[dec]) / POW10[dec]; }

static void emit(Rng *r, const Patient *p, int an, int32_t min, double canon)
{
	const UnitVar *u = &AN[an].var[p->uv[an]];
	double w = rnd_dec(canon * u->factor, u->dec);
	uint64_t trel = (uint64_t) ((p->mid0 - EPOCH2020) / 60 + min);
	uint64_t base = (trel << 34) | ((uint64_t) p->id << 8) | ((uint64_t) an << 4);
	push_row(base | D_CLEAN, w, p->uv[an]);
	dirty_count[D_CLEAN]++;
	if (nobs == capobs) {
		capobs = capobs ? capobs * 2 : 4096;
		obs = realloc(obs, capobs * sizeof(Obs));
		if (!obs) { fprintf(stderr, "out of memory\n"); exit(1); }
	}
	obs[nobs].min = min;
	obs[nobs].an = (uint8_t) an;
	obs[nobs].v = w / u->factor;
	nobs++;

	/* dirty extras: about 5 per 1000 clean rows */
	double x = unif(r);
	int kind = x < 0.0012 ? D_UNIT : x < 0.0024 ? D_IMPOSSIBLE : x < 0.0030 ? D_NAN
		: x < 0.0036 ? D_NULL : x < 0.0050 ? D_DUP : D_CLEAN;
	if (kind == D_CLEAN) return;
	int off = kind == D_DUP ? 0 : irand(r, 1, 29); /* minutes later */
	uint64_t dkey = (((trel + (uint64_t) off)) << 34) | ((uint64_t) p->id << 8)
		| ((uint64_t) an << 4) | (uint64_t) kind;
	double dv = w;
	int duv = p->uv[an];
	switch (kind) {
	case D_UNIT:
		duv = 2 + irand(r, 0, 1);
		dv = rnd_dec(canon, AN[an].var[0].dec);
		break;
	case D_IMPOSSIBLE:
		switch (an) {
		case A_ALB: case A_HGB: case A_NA: dv = w * 10.0; break;   /* e.g. 42 "g/dL" */
		case A_SBP: dv = 900; break;
		case A_DBP: dv = 700; break;
		case A_MAP: dv = 650; break;
		case A_HR: dv = 999; break;
		case A_TEMP: dv = rnd_dec(canon * 1.8 + 32.0, 1); break; /* degF value as Cel */
		default: dv = -w; break;                                  /* negative */
		}
		if (dv == 0) dv = -1;
		break;
	case D_NAN: case D_NULL: dv = NAN; break;
	default: break;
	}
	push_row(dkey, dv, duv);
	dirty_count[kind]++;
}

static void vital_set(Rng *r, const Patient *p, int32_t min, int acute)
{
	double x[N_AN];
	physio(p, min / 60.0, x);
	double sbp = (double) llround(x[A_SBP] + 5.0 * gauss(r));
	double dbp = (double) llround(x[A_DBP] + 4.0 * gauss(r));
	if (dbp > sbp - 15) dbp = sbp - 15;
	if (dbp < 25) dbp = 25;
	double map = (double) llround((sbp + 2.0 * dbp) / 3.0);
	emit(r, p, A_SBP, min, sbp);
	emit(r, p, A_DBP, min, dbp);
	emit(r, p, A_MAP, min, map);
	if (unif(r) < 0.97)
		emit(r, p, A_HR, min, x[A_HR] + 3.0 * gauss(r));
	if (acute || unif(r) < 0.5)
		emit(r, p, A_TEMP, min, x[A_TEMP] + 0.15 * gauss(r));
}

static void lab_draw(Rng *r, const Patient *p, int32_t min, int need_alb)
{
	double x[N_AN];
	physio(p, min / 60.0, x);
	if (unif(r) < 0.95) { /* CBC */
		double hct = x[A_HCT] + 0.7 * gauss(r);
		emit(r, p, A_HCT, min, hct);
		emit(r, p, A_HGB, min, hct * p->hgb_ratio + 0.15 * gauss(r));
		emit(r, p, A_PLT, min, x[A_PLT] * (1.0 + 0.06 * gauss(r)));
		emit(r, p, A_NEUT, min, x[A_NEUT] * (1.0 + 0.08 * gauss(r)));
	}
	if (need_alb || unif(r) < 0.95) { /* chemistry */
		emit(r, p, A_NA, min, x[A_NA] + 1.0 * gauss(r));
		emit(r, p, A_CREAT, min, x[A_CREAT] * (1.0 + 0.04 * gauss(r)));
		if (need_alb || unif(r) < 0.85) {
			double a = x[A_ALB] + 0.08 * gauss(r);
			if (p->clamp_alb35 && a < 3.5) a = 3.5;
			emit(r, p, A_ALB, min, a);
		}
	}
}

/* intensity of monitoring at hour h: 2 = acute (vitals q1-2h, labs q12h),
 * 1 = observation (vitals q2-4h, labs daily), 0 = routine */
static int intensity(const Patient *p, double h)
{
	int lvl = 0;
	for (int k = 0; k < p->nev; k++) {
		const Event *e = &p->ev[k];
		switch (e->kind) {
		case K_IDIO:
			if (h >= e->T0 + 2.0 && h <= e->T2 + 48.0) return 2;
			if (h >= e->T0 && h <= e->w1) lvl = 1;
			break;
		case K_SEPSIS:
			if (h >= e->a && h <= e->c) return 2;
			if (h >= e->a - 6.0 && h <= e->d + 24.0) lvl = 1;
			break;
		case K_DRUG:
			if (h >= e->a && h <= e->d) lvl = 1;
			break;
		default: break;
		}
	}
	if (p->treated && h >= p->cyc_start_h[0] - 12.0 && h <= p->cyc_start_h[0] + 8 * 24.0)
		lvl = 1; /* cycle 1 is given inpatient with observation */
	return lvl;
}

/* albumin followed daily while a low-albumin or drug CLS event is planted */
static int alb_watch(const Patient *p, double h)
{
	for (int k = 0; k < p->nev; k++) {
		const Event *e = &p->ev[k];
		if ((e->kind == K_LOWALB || e->kind == K_DRUG) && h >= e->a && h <= e->d) return 1;
	}
	return 0;
}

static int is_dose_day(const Patient *p, int day)
{
	for (int i = 0; i < p->ndose; i++)
		if ((int) (p->dose_h[i] / 24.0) == day) return 1;
	return 0;
}

static double physio_w(const Patient *p, double h, Rng *r)
{
	double x[N_AN];
	physio(p, h, x);
	return x[A_WT] + 0.2 * gauss(r);
}

static void sample_patient(Rng *r, const Patient *p)
{
	int32_t end = (int32_t) (p->days * 24 * 60);
	/* vitals */
	int32_t t = (int32_t) (p->adm_h * 60) + irand(r, 0, 30);
	while (t < end) {
		int lvl = intensity(p, t / 60.0);
		vital_set(r, p, t, lvl == 2);
		double step = lvl == 2 ? U(r, 1.0, 2.0) : lvl == 1 ? U(r, 2.0, 4.0)
			: m_stable * U(r, 0.6, 1.4);
		t += (int32_t) (step * 60.0) + irand(r, -5, 5);
	}
	/* labs and weight, day by day (morning draw, predose) */
	for (int day = 0; day < p->days; day++) {
		int32_t dmin = day * 1440;
		int lvl = intensity(p, day * 24.0 + 6.0);
		int lvl2 = intensity(p, day * 24.0 + 18.0);
		int dose = p->treated && is_dose_day(p, day);
		int cyc_pre = 0;
		for (int c = 0; c < p->ncycles; c++)
			if ((int) (p->cyc_start_h[c] / 24.0) - 1 == day) cyc_pre = 1;
		int watch = alb_watch(p, day * 24.0 + 6.0);
		int missing = !dose && !cyc_pre && !watch && lvl == 0 && unif(r) < 0.06;
		if (day == 0) {
			/* admission labs a little after admission */
			lab_draw(r, p, (int32_t) (p->adm_h * 60) + irand(r, 30, 90), 1);
			emit(r, p, A_WT, (int32_t) (p->adm_h * 60) + irand(r, 10, 60),
				 physio_w(p, p->adm_h, r));
			continue;
		}
		if (missing) continue;
		int labs_today = lvl > 0 || lvl2 > 0 || dose || cyc_pre || watch || !p->lab_every2 || (day % 2 == 0);
		if (labs_today)
			lab_draw(r, p, dmin + 300 + irand(r, 0, 120), dose || cyc_pre || watch || lvl > 0);
		if (lvl2 == 2)
			lab_draw(r, p, dmin + 1080 + irand(r, 0, 90), 1);
		if (dose || cyc_pre || unif(r) < 0.92) {
			int32_t wm = dmin + 330 + irand(r, 0, 60);
			emit(r, p, A_WT, wm, physio_w(p, wm / 60.0, r));
		}
	}
}

/* ------------------------------------------------------------- planning */

static void fit_span(Patient *p, double w1)
{
	int need = (int) ((w1 + 36.0) / 24.0) + 1;
	if (need > p->days) p->days = need > 90 ? 90 : need;
}

static void plan_idio(Rng *r, Patient *p)
{
	int nat = unif(r) < 0.3 ? 2 : 1;
	double P[2], L[2], R[2], lag[2], frac[2], tot[2];
	for (int i = 0; i < nat; i++) {
		P[i] = U(r, 6.0, 12.0);
		L[i] = U(r, 24.0, 72.0);
		R[i] = U(r, 2.0, 7.0) * 24.0;
		lag[i] = U(r, 24.0, 48.0);
		frac[i] = U(r, 0.4, 0.7);
		tot[i] = P[i] + L[i] * frac[i] + lag[i] + R[i];
		if (tot[i] < P[i] + L[i] + R[i] * 0.5 + 12.0) tot[i] = P[i] + L[i] + R[i] * 0.5 + 12.0;
	}
	double room = p->days * 24.0 - 36.0 - 48.0;
	if (nat == 2 && room < tot[0] + tot[1] + 120.0) nat = 1;
	if (room < tot[0]) { p->days = (int) ((tot[0] + 84.0) / 24.0) + 1; room = p->days * 24.0 - 84.0; }
	double start = 48.0;
	for (int i = 0; i < nat; i++) {
		double rest = i == 0 && nat == 2 ? tot[1] + 120.0 : 0.0;
		double hi = 48.0 + room - rest - tot[i];
		if (i == 1) hi = p->days * 24.0 - 36.0 - tot[i];
		double T0 = U(r, start, hi > start ? hi : start);
		Event *e = &p->ev[p->nev++];
		e->kind = K_IDIO;
		e->cycle = 0;
		e->T0 = T0;
		e->T1 = T0 + P[i];
		e->T2 = e->T1 + L[i];
		e->tS = e->T1 + L[i] * frac[i];
		e->tA = e->tS + lag[i];
		e->R = R[i];
		e->sbp_n = U(r, 60.0, 85.0);
		e->hct_pk = U(r, 50.0, 65.0);
		if (e->hct_pk < p->b[A_HCT] + 6.0) e->hct_pk = p->b[A_HCT] + 6.0;
		e->alb_n = U(r, 1.8, 2.8);
		e->wt_g = U(r, 2.0, 5.0);
		e->w0 = T0;
		e->w1 = e->tA + e->R;
		if (e->w1 < e->T2 + e->R * 0.5) e->w1 = e->T2 + e->R * 0.5;
		if (e->w1 < e->T2 + 12.0) e->w1 = e->T2 + 12.0;
		fit_span(p, e->w1);
		start = e->w1 + 120.0;
	}
}

static void plan_sepsis(Rng *r, Patient *p)
{
	Event *e = &p->ev[p->nev++];
	double Ds = U(r, 3.0, 7.0) * 24.0;
	double len = Ds + 72.0;
	double hi = p->days * 24.0 - 36.0 - len;
	e->kind = K_SEPSIS;
	e->a = U(r, 48.0, hi > 48.0 ? hi : 48.0);
	e->b = e->a + U(r, 6.0, 12.0);
	e->d = e->a + Ds;
	e->c = e->d - U(r, 24.0, 48.0);
	e->hypo_n = U(r, 70.0, 88.0);
	e->temp_pk = U(r, 38.8, 40.0);
	e->hr_pk = U(r, 105.0, 130.0);
	e->alb_drop = U(r, 0.2, 0.5);
	if (p->b[A_ALB] - e->alb_drop < 3.3) e->alb_drop = p->b[A_ALB] - 3.3;
	e->w0 = e->a;
	e->w1 = e->d + 72.0;
	fit_span(p, e->w1);
}

static void plan_lowalb(Rng *r, Patient *p)
{
	Event *e = &p->ev[p->nev++];
	double f = U(r, 48.0, 96.0), pl = U(r, 48.0, 144.0), rc = U(r, 72.0, 144.0);
	double hi = p->days * 24.0 - 36.0 - (f + pl + rc);
	e->kind = K_LOWALB;
	e->a = U(r, 48.0, hi > 48.0 ? hi : 48.0);
	e->b = e->a + f;
	e->c = e->b + pl;
	e->d = e->c + rc;
	e->alb_drop = p->b[A_ALB] - U(r, 2.5, 3.1);
	e->w0 = e->a;
	e->w1 = e->d;
	fit_span(p, e->w1);
}

static const int ONSET_DAY[] = {2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8};

static void plan_drug(Rng *r, Patient *p)
{
	p->treated = 1;
	int nc = irand(r, 1, 4);
	int s1 = irand(r, 2, 4);
	while (s1 + 21 * (nc - 1) + 13 > 90) nc--;
	if (p->days < s1 + 21 * (nc - 1) + 13) p->days = s1 + 21 * (nc - 1) + 13;
	p->ncycles = nc;
	/* cycle c starts on day s1 + 21c at 09:00-12:00, never earlier in the day
	 * than the previous cycle: a next cycle's first dose must come >= 21 x 24 h
	 * after the current cycle's first dose (label 2.1 as cls reads it, README
	 * "Dose anchoring"); one 2 h earlier would be day 21 of the old cycle. */
	for (int c = 0; c < nc; c++) {
		double off = U(r, 9.0, 12.0);
		if (c > 0 && off < p->cyc_start_h[c - 1] - (s1 + 21 * (c - 1)) * 24.0)
			off = p->cyc_start_h[c - 1] - (s1 + 21 * (c - 1)) * 24.0;
		p->cyc_start_h[c] = (s1 + 21 * c) * 24.0 + off;
	}
	int cls = unif(r) < 0.35;
	int cls_cycle = 0;
	if (cls) {
		cls_cycle = (nc >= 2 && unif(r) < 0.12) ? 2 : 1;
		Event *e = &p->ev[p->nev++];
		e->kind = K_DRUG;
		e->cycle = cls_cycle;
		int dd = ONSET_DAY[irand(r, 0, (int) (sizeof ONSET_DAY / sizeof ONSET_DAY[0]) - 1)];
		double Dtot = U(r, 72.0, 240.0);
		double F = U(r, 0.15, 0.3) * Dtot, Rr = U(r, 0.3, 0.45) * Dtot;
		e->a = p->cyc_start_h[cls_cycle - 1] + (dd - 1) * 24.0 - U(r, 2.0, 12.0);
		e->b = e->a + F;
		e->c = e->a + Dtot - Rr;
		e->d = e->a + Dtot;
		e->alb_drop = U(r, 0.6, 1.5);
		if (p->b[A_ALB] - e->alb_drop > 3.3) e->alb_drop = p->b[A_ALB] - U(r, 3.0, 3.3);
		e->wt_g = U(r, 2.0, 4.0);
		e->hypo_n = unif(r) < 0.4 ? U(r, 75.0, 88.0) : 0.0;
		e->na_n = unif(r) < 0.4 ? U(r, 130.0, 134.0) : 0.0;
		e->w0 = e->a;
		e->w1 = e->d;
		fit_span(p, e->w1);
	} else {
		p->clamp_alb35 = 1;
		for (int c = 0; c < nc && p->nev < 4; c++) {
			Event *e = &p->ev[p->nev++];
			double s = p->cyc_start_h[c];
			e->kind = K_MILD;
			e->a = s + 20.0; e->b = s + 60.0; e->c = s + 120.0; e->d = s + 168.0;
			e->alb_drop = U(r, 0.05, 0.25);
			e->w0 = e->a; e->w1 = e->d;
		}
	}
	/* dosing: days 1-5 of each 21-day cycle, delays extend up to day 10 */
	for (int c = 0; c < nc; c++) {
		int delay = unif(r) < 0.2;
		int skip1 = irand(r, 2, 5), skip2 = unif(r) < 0.4 ? irand(r, 2, 6) : -1;
		int given = 0;
		for (int cd = 1; cd <= 10 && given < 5; cd++) {
			double h = p->cyc_start_h[c] + (cd - 1) * 24.0 + (cd == 1 ? 0.0 : U(r, -0.75, 0.75));
			int skip = 0;
			if (cd > 1 && delay && (cd == skip1 || cd == skip2)) skip = 1;
			if (cd > 1 && cls && c + 1 == cls_cycle) {
				const Event *e = &p->ev[0];
				/* interrupt while albumin is down (label Table 2) */
				if (shape4(h - 6.0, e->a, e->b, e->c, e->d) > 0.3) skip = 1;
			}
			if (skip) continue;
			p->dose_h[p->ndose] = h;
			p->dose_cycle[p->ndose] = c + 1;
			p->ndose++;
			given++;
		}
	}
}

static void plan_patient(Rng *r, Patient *p, uint32_t id)
{
	memset(p, 0, sizeof *p);
	p->id = id;
	p->male = unif(r) < 0.5;
	p->yob = irand(r, 1940, 2004);
	p->mid0 = (int64_t) (18993 + irand(r, 0, 3 * 365 - 1)) * 86400; /* 2022-01-01 .. */
	p->days = irand(r, 20, 90);
	p->adm_h = U(r, 7.0, 20.0);
	double *b = p->b;
	b[A_ALB] = U(r, 3.8, 4.5);
	b[A_HCT] = p->male ? U(r, 40.0, 46.0) : U(r, 36.0, 42.0);
	p->hgb_ratio = U(r, 0.32, 0.345);
	b[A_HGB] = b[A_HCT] * p->hgb_ratio;
	b[A_SBP] = U(r, 105.0, 140.0);
	b[A_DBP] = 0.58 * b[A_SBP] + U(r, 2.0, 10.0);
	b[A_MAP] = (b[A_SBP] + 2.0 * b[A_DBP]) / 3.0;
	b[A_HR] = U(r, 60.0, 85.0);
	b[A_TEMP] = U(r, 36.5, 37.1);
	b[A_WT] = p->male ? U(r, 60.0, 110.0) : U(r, 50.0, 95.0);
	b[A_NA] = U(r, 137.0, 142.0);
	b[A_CREAT] = p->male ? U(r, 0.75, 1.15) : U(r, 0.6, 0.95);
	b[A_PLT] = U(r, 160.0, 360.0);
	b[A_NEUT] = U(r, 2.0, 6.0);
	p->uv[A_ALB] = unif(r) < 0.2;
	p->uv[A_HCT] = unif(r) < 0.2;
	p->uv[A_NA] = unif(r) < 0.3;
	p->uv[A_WT] = unif(r) < 0.15;
	p->uv[A_CREAT] = unif(r) < 0.2;
	p->uv[A_PLT] = p->uv[A_NEUT] = unif(r) < 0.5;
	p->lab_every2 = unif(r) < 0.4;
	double cat = unif(r);
	if (cat < 0.40) {
		plan_drug(r, p);
	} else {
		double c2 = unif(r);
		if (c2 < 0.08) plan_idio(r, p);
		else if (c2 < 0.08 + 0.05 / 0.6) plan_sepsis(r, p);
		else if (c2 < 0.08 + 0.10 / 0.6) plan_lowalb(r, p);
	}
}

/* ---------------------------------------------------------------- truth */

/*
 * Truth definitions (computed from the CLEAN rows as written, converted back
 * to canonical units; dirty extra rows are ignored):
 *   window  = the planted event's window [w0, w1] (start of the prodrome /
 *             first physiological change .. end of recovery);
 *   criteria per kind (b = the generator's baseline for the patient):
 *     cls_idiopathic       SBP < 90 | Hct > max(45, b_hct + 3) | albumin < 3.0
 *     cls_drug             albumin < 3.5 | weight >= b_wt + 1.5 kg | SBP < 90
 *     sepsis_confounder    SBP < 90 | temperature >= 38.3 | heart rate > 100
 *     isolated_low_albumin albumin < 3.5
 *   onset      = time of the first clean observation inside the window that
 *                meets any criterion;
 *   resolution = for every criterion analyte abnormal in the window, the
 *                first clean observation of it after its last abnormal one
 *                in the window that is normal again; the latest of these
 *                (all signs seen normal again).  \N if some sign is never
 *                seen normal again before the data end.
 */
static int crit_analyte(int kind, int an)
{
	switch (kind) {
	case K_IDIO: return an == A_SBP || an == A_HCT || an == A_ALB;
	case K_DRUG: return an == A_ALB || an == A_WT || an == A_SBP;
	case K_SEPSIS: return an == A_SBP || an == A_TEMP || an == A_HR;
	case K_LOWALB: return an == A_ALB;
	default: return 0;
	}
}

static int abnormal(const Patient *p, int kind, int an, double v)
{
	switch (kind) {
	case K_IDIO:
		if (an == A_SBP) return v < 90.0;
		if (an == A_HCT) return v > (p->b[A_HCT] + 3.0 > 45.0 ? p->b[A_HCT] + 3.0 : 45.0);
		if (an == A_ALB) return v < 3.0;
		return 0;
	case K_DRUG:
		if (an == A_ALB) return v < 3.5;
		if (an == A_WT) return v >= p->b[A_WT] + 1.5;
		if (an == A_SBP) return v < 90.0;
		return 0;
	case K_SEPSIS:
		if (an == A_SBP) return v < 90.0;
		if (an == A_TEMP) return v >= 38.3;
		if (an == A_HR) return v > 100.0;
		return 0;
	case K_LOWALB:
		return an == A_ALB && v < 3.5;
	default: return 0;
	}
}

static uint64_t events_not_found, not_found_kind[N_KIND];

static void truth_eval(Patient *p)
{
	for (int k = 0; k < p->nev; k++) {
		Event *e = &p->ev[k];
		e->found = 0;
		if (e->kind == K_MILD) continue;
		int64_t w0 = (int64_t) floor(e->w0 * 60.0), w1 = (int64_t) floor(e->w1 * 60.0) + 1;
		int64_t onset = INT64_MAX, last[N_AN];
		for (int a = 0; a < N_AN; a++) last[a] = -1;
		for (size_t i = 0; i < nobs; i++) {
			const Obs *o = &obs[i];
			if (o->min < w0 || o->min > w1 || !crit_analyte(e->kind, o->an)) continue;
			if (!abnormal(p, e->kind, o->an, o->v)) continue;
			if (o->min < onset) onset = o->min;
			if (o->min > last[o->an]) last[o->an] = o->min;
		}
		if (onset == INT64_MAX) { events_not_found++; not_found_kind[e->kind]++; continue; }
		int64_t res = -1;
		int open = 0;
		for (int a = 0; a < N_AN; a++) {
			if (last[a] < 0) continue;
			int64_t first_ok = INT64_MAX;
			for (size_t i = 0; i < nobs; i++) {
				const Obs *o = &obs[i];
				if (o->an != a || o->min <= last[a] || o->min >= first_ok) continue;
				if (!abnormal(p, e->kind, a, o->v)) first_ok = o->min;
			}
			if (first_ok == INT64_MAX) open = 1;
			else if (first_ok > res) res = first_ok;
		}
		e->found = 1;
		e->onset_min = onset;
		e->res_min = open ? -1 : res;
	}
}

/* ----------------------------------------------------------------- main */

static void usage(void)
{
	fprintf(stderr, "usage: gen --patients N --seed S --out DIR [--rows-per-patient R]\n");
	exit(2);
}

static int64_t abs_sec(const Patient *p, int64_t min) { return p->mid0 + min * 60; }

int main(int argc, char **argv)
{
	long npat = -1;
	uint64_t seed = 0;
	int have_seed = 0;
	double rpp = 1000.0;
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--patients") && i + 1 < argc) npat = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc) { seed = strtoull(argv[++i], NULL, 10); have_seed = 1; }
		else if (!strcmp(argv[i], "--out") && i + 1 < argc) dir = argv[++i];
		else if (!strcmp(argv[i], "--rows-per-patient") && i + 1 < argc) rpp = strtod(argv[++i], NULL);
		else usage();
	}
	if (npat < 1 || npat > 16000000 || !have_seed || !dir || !(rpp >= 100.0 && rpp <= 100000.0)) usage();
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "cannot create %s: %s\n", dir, strerror(errno));
		return 1;
	}
	/* Routine (non-acute) vital-sign interval, calibrated empirically:
	 * rows/patient ~= 535 (labs, weights, acute and observation periods)
	 * + 5955 / m_stable.  Default 1000 rows -> routine vitals ~q13h;
	 * 2700 rows -> ~q2.75h.  Acute periods are always q1-2h, observation
	 * periods (cycle 1, drug CLS, around sepsis) q2-4h. */
	m_stable = rpp > 535.0 + 5955.0 / 48.0 ? 5955.0 / (rpp - 535.0) : 48.0;
	if (m_stable < 1.0) m_stable = 1.0;
	size_t want = (size_t) ((double) npat * rpp * 1.1);
	caprows = want > 1024 ? want : 1024;
	rows = malloc(caprows * sizeof(Row));
	uint8_t *male = calloc((size_t) npat + 1, 1);
	if (!rows || !male) { fprintf(stderr, "out of memory\n"); return 1; }

	Out fp, fd, fe, fx;
	out_open(&fp, dir, "person.tsv");
	out_open(&fd, dir, "drug_exposure.tsv");
	out_open(&fe, dir, "truth_episode.tsv");
	out_open(&fx, dir, "truth_exclusion.tsv");
	uint64_t n_person = 0, n_drug = 0, n_ep = 0, n_ex = 0, n_kind[N_KIND] = {0}, n_treated = 0;
	Patient p;
	Rng r;
	for (uint32_t id = 1; id <= (uint32_t) npat; id++) {
		rng_seed(&r, seed, id);
		plan_patient(&r, &p, id);
		male[id] = (uint8_t) p.male;
		nobs = 0;
		sample_patient(&r, &p);
		truth_eval(&p);

		out_u64(&fp, id); out_ch(&fp, '\t');
		out_s(&fp, p.male ? "8507" : "8532"); out_ch(&fp, '\t');
		out_u64(&fp, (uint64_t) p.yob); out_ch(&fp, '\n');
		n_person++;
		n_treated += (uint64_t) p.treated;

		/* drug_concept_id 0: cls does not ship an RxNorm concept id for
		 * tagraxofusp; the drug is identified by drug_source_value. */
		for (int i = 0; i < p.ndose; i++) {
			int64_t st = p.mid0 + (int64_t) (p.dose_h[i] * 60.0) * 60;
			out_u64(&fd, ++n_drug); out_ch(&fd, '\t');
			out_u64(&fd, id); out_s(&fd, "\t0\t");
			out_ts(&fd, st); out_ch(&fd, '\t');
			out_ts(&fd, st + 15 * 60); out_s(&fd, "\ttagraxofusp\n");
		}
		int epno = 0;
		for (int k = 0; k < p.nev; k++) {
			const Event *e = &p.ev[k];
			if (!e->found) continue;
			n_kind[e->kind]++;
			out_u64(&fe, id); out_ch(&fe, '\t');
			out_u64(&fe, (uint64_t) ++epno); out_ch(&fe, '\t');
			out_s(&fe, KIND_NAME[e->kind]); out_ch(&fe, '\t');
			out_ts(&fe, abs_sec(&p, e->onset_min)); out_ch(&fe, '\t');
			if (e->res_min >= 0) out_ts(&fe, abs_sec(&p, e->res_min)); else out_s(&fe, "\\N");
			out_ch(&fe, '\t');
			if (e->kind == K_DRUG) out_u64(&fe, (uint64_t) e->cycle); else out_s(&fe, "\\N");
			out_ch(&fe, '\n');
			n_ep++;
			if (e->kind == K_SEPSIS) {
				int64_t lo = (int64_t) floor(e->w0 * 60.0), hi = (int64_t) floor(e->w1 * 60.0);
				if (e->onset_min < lo) lo = e->onset_min;
				if (e->res_min > hi) hi = e->res_min;
				out_u64(&fx, id); out_s(&fx, "\tsepsis\t");
				out_ts(&fx, abs_sec(&p, lo)); out_ch(&fx, '\t');
				out_ts(&fx, abs_sec(&p, hi)); out_ch(&fx, '\n');
				n_ex++;
			}
		}
	}
	out_close(&fp); out_close(&fd); out_close(&fe); out_close(&fx);

	radix_sort(rows, nrows);

	Out fm;
	out_open(&fm, dir, "measurement.tsv");
	for (size_t i = 0; i < nrows; i++) {
		const Row *w = &rows[i];
		uint64_t k = w->key;
		uint32_t pid = (uint32_t) ((k >> 8) & 0xFFFFFF);
		int an = (int) ((k >> 4) & 0xF), dk = (int) (k & 0xF), uv = w->uv;
		int64_t t = EPOCH2020 + (int64_t) (k >> 34) * 60;
		const Analyte *A = &AN[an];
		const UnitVar *u = &A->var[uv < 2 ? uv : 0];
		out_u64(&fm, (uint64_t) i + 1); out_ch(&fm, '\t');
		out_u64(&fm, pid); out_ch(&fm, '\t');
		out_u64(&fm, (uint64_t) A->concept); out_ch(&fm, '\t');
		out_ts(&fm, t); out_ch(&fm, '\t');
		if (dk == D_NULL) out_s(&fm, "\\N"); else out_fixed(&fm, w->v, u->dec);
		out_ch(&fm, '\t');
		out_u64(&fm, uv < 2 ? (uint64_t) u->concept : 0); out_ch(&fm, '\t');
		out_s(&fm, uv < 2 ? u->src : A->dirty_unit[uv - 2]); out_ch(&fm, '\t');
		if (A->has_range && uv < 2) {
			int m = male[pid];
			out_fixed(&fm, rnd_dec(A->lo[m] * u->factor, u->dec), u->dec); out_ch(&fm, '\t');
			out_fixed(&fm, rnd_dec(A->hi[m] * u->factor, u->dec), u->dec); out_ch(&fm, '\t');
		} else {
			out_s(&fm, "\\N\t\\N\t");
		}
		out_s(&fm, A->loinc); out_ch(&fm, '\n');
	}
	out_close(&fm);

	fprintf(stderr, "gen: patients=%ld seed=%llu rows-per-patient=%.0f (routine vitals every ~%.1f h)\n",
			npat, (unsigned long long) seed, rpp, m_stable);
	fprintf(stderr, "person.tsv: %llu rows\n", (unsigned long long) n_person);
	fprintf(stderr, "measurement.tsv: %llu rows (%.0f per patient)\n",
			(unsigned long long) nrows, (double) nrows / (double) npat);
	fprintf(stderr, "drug_exposure.tsv: %llu rows (%llu treated patients)\n",
			(unsigned long long) n_drug, (unsigned long long) n_treated);
	fprintf(stderr, "truth_episode.tsv: %llu rows (cls_idiopathic %llu, cls_drug %llu, sepsis_confounder %llu, isolated_low_albumin %llu)\n",
			(unsigned long long) n_ep, (unsigned long long) n_kind[K_IDIO],
			(unsigned long long) n_kind[K_DRUG], (unsigned long long) n_kind[K_SEPSIS],
			(unsigned long long) n_kind[K_LOWALB]);
	fprintf(stderr, "truth_exclusion.tsv: %llu rows\n", (unsigned long long) n_ex);
	fprintf(stderr, "dirty rows:");
	for (int k = 1; k < N_DIRTY; k++)
		fprintf(stderr, " %s=%llu", DIRTY_NAME[k], (unsigned long long) dirty_count[k]);
	fprintf(stderr, " (clean rows %llu)\n", (unsigned long long) dirty_count[D_CLEAN]);
	if (events_not_found)
	{
		fprintf(stderr, "warning: %llu planted events had no abnormal observation and are not in the truth:",
				(unsigned long long) events_not_found);
		for (int k = 0; k < K_MILD; k++)
			if (not_found_kind[k])
				fprintf(stderr, " %s=%llu", KIND_NAME[k], (unsigned long long) not_found_kind[k]);
		fprintf(stderr, "\n");
	}
	free(rows);
	free(obs);
	free(male);
	return 0;
}

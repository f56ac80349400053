/*
 * obs.c -- the total order of observations and the one bound search over
 * time (see obs.h).
 */
#include "obs.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "sort.h"
#include "units.h"

/* every kind sorts after, and is told apart from, every analyte */
typedef char kinds_after_analytes[((int) CLS_A__COUNT <= (int) CLS_KIND_DOSE) ? 1 : -1];

int32_t
cls_obs_kind_from_code(const char *s, size_t len)
{
	static const struct
	{
		const char *name;
		int32_t		kind;
	}			words[] = {
		{"edema", CLS_KIND_EDEMA},
		{"fluid_overload", CLS_KIND_FLUID_OVERLOAD},
		{"hypotension", CLS_KIND_HYPOTENSION},
		{"hypersensitivity", CLS_KIND_HYPERSENSITIVITY},
		{"creatinine_clearance", CLS_KIND_CRCL},
		{"crcl", CLS_KIND_CRCL},
	};
	const char *p = s;
	size_t		l = len;
	cls_analyte a;

	while (l > 0 && isspace((unsigned char) *p))
		p++, l--;
	while (l > 0 && isspace((unsigned char) p[l - 1]))
		l--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].name) == l && strncasecmp(p, words[i].name, l) == 0)
			return words[i].kind;
	a = cls_analyte_from_code(s, len);
	return a == CLS_A_NONE ? -1 : (int32_t) a;
}

#define OBS_LESS(x, y) cls_obs_less(&(x), &(y))
CLS_DEFINE_SORT(obs_sort, cls_obs, OBS_LESS)

void
cls_obs_sort(cls_obs *obs, size_t n)
{
	size_t		i;

	/* in time order?  (one pass; stops at the first decrease) */
	for (i = 1; i < n; i++)
	{
		if ((i & 1048575) == 0)
			cls_check_interrupts();
		if (obs[i].t < obs[i - 1].t)
			break;
	}
	if (i < n)
	{
		obs_sort(obs, n);
		return;
	}
	/* yes: only the groups of equal times may be out of order */
	for (i = 0; i < n;)
	{
		size_t		j = i + 1;

		while (j < n && obs[j].t == obs[i].t)
			j++;
		if ((i & 1048575) == 0)
			cls_check_interrupts();
		if (j - i > 1)
			obs_sort(obs + i, j - i);
		i = j;
	}
}

CLS_DEFINE_RUN_SORT(obs_sort_runs, cls_obs, OBS_LESS)

void
cls_obs_sort_runs(cls_obs *obs, size_t n, cls_obs *tmp)
{
	obs_sort_runs(obs, n, tmp);
}

CLS_DEFINE_MERGE(obs_merge, cls_obs, OBS_LESS)

void
cls_obs_merge(const cls_obs *a, size_t na, const cls_obs *b, size_t nb,
			  cls_obs *out)
{
	obs_merge(a, na, b, nb, out);
}

#define TIME_LESS(x, y) ((x) < (y))
CLS_DEFINE_SORT(time_sort, int64_t, TIME_LESS)

bool
cls_time_sorted(const int64_t *t, size_t n)
{
	for (size_t i = 1; i < n; i++)
	{
		if ((i & 1048575) == 0)
			cls_check_interrupts();
		if (t[i] < t[i - 1])
			return false;
	}
	return true;
}

void
cls_time_sort(int64_t *t, size_t n)
{
	if (!cls_time_sorted(t, n))
		time_sort(t, n);
}

CLS_DEFINE_RUN_SORT(time_sort_runs, int64_t, TIME_LESS)

void
cls_time_sort_runs(int64_t *t, size_t n, int64_t *tmp)
{
	time_sort_runs(t, n, tmp);
}

CLS_DEFINE_MERGE(time_merge, int64_t, TIME_LESS)

void
cls_time_merge(const int64_t *a, size_t na, const int64_t *b, size_t nb,
			   int64_t *out)
{
	time_merge(a, na, b, nb, out);
}

/* the first index in [0, n) whose time is > t (strict) or >= t */
static size_t
bound(const cls_obs *obs, size_t n, int64_t t, bool strict)
{
	size_t		a = 0,
				b = n;

	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (obs[m].t < t || (strict && obs[m].t == t))
			a = m + 1;
		else
			b = m;
	}
	return a;
}

size_t
cls_obs_lower_bound(const cls_obs *obs, size_t n, int64_t t)
{
	return bound(obs, n, t, false);
}

size_t
cls_obs_upper_bound(const cls_obs *obs, size_t n, int64_t t)
{
	return bound(obs, n, t, true);
}

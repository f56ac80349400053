/*
 * unit.h -- a minimal TAP-style harness for the cls core's C unit tests.
 * Each check prints "ok N - what" or "not ok N - what"; unit_done() prints
 * "# passed X failed Y" and returns the exit status.
 */
#ifndef CLS_UNIT_H
#define CLS_UNIT_H

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static int	unit_n = 0;
static int	unit_failed = 0;

#define CHECK(cond, ...) \
	do { \
		int unit_ok_ = (cond) ? 1 : 0; \
		unit_n++; \
		if (unit_ok_) \
			printf("ok %d - ", unit_n); \
		else \
		{ \
			unit_failed++; \
			printf("not ok %d - ", unit_n); \
		} \
		printf(__VA_ARGS__); \
		printf("%s\n", unit_ok_ ? "" : "   <-- FAILED: " #cond); \
	} while (0)

static inline int
unit_done(const char *suite)
{
	printf("# %s: passed %d failed %d\n", suite, unit_n - unit_failed,
		   unit_failed);
	return unit_failed ? 1 : 0;
}

/* The whole file at path, NUL-terminated (malloc'd; NULL when unreadable):
 * the README checks (test_*_readme.c) read README.md with it. */
static inline char *
unit_slurp(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	long		n;
	char	   *s;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t) n + 1);
	if (s == NULL || fread(s, 1, (size_t) n, f) != (size_t) n)
		abort();
	s[n] = '\0';
	fclose(f);
	return s;
}

/* xorshift64: the tests' reproducible pseudo-random numbers */
static inline uint64_t
unit_xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The total order (t, analyte, v) of cls_obs for qsort (include obs.h
 * before this header to get it). */
#ifdef CLS_OBS_H
static inline int
unit_cmp_obs(const void *x, const void *y)
{
	const cls_obs *a = x,
			   *b = y;

	if (a->t != b->t)
		return (a->t > b->t) - (a->t < b->t);
	if (a->analyte != b->analyte)
		return (a->analyte > b->analyte) - (a->analyte < b->analyte);
	return (a->v > b->v) - (a->v < b->v);
}
#endif

#endif

/*
 * fuzz_common.h -- helpers shared by the cls libFuzzer targets
 * (test/fuzz/fuzz_*.c).  Plain C99; built by test/fuzz/run.sh with
 * -fsanitize=fuzzer,address,undefined against the C files of src/core.
 *
 * Invariants are checked with FUZZ_ASSERT(name, cond): a violation prints
 * the invariant's name and aborts, so libFuzzer saves the input as a crash.
 *
 * Known bugs: run.sh exports CLS_FUZZ_XFAIL (a comma-separated list of
 * names from test/fuzz/xfail).  A target asks fuzz_xfail("name") to skip
 * exactly the inputs that reach a known, reported bug, so the rest of the
 * invariants stay armed; fuzz_xfail_hit() records that the bug is still
 * there (run.sh reports it as a TODO).
 */
#ifndef CLS_FUZZ_COMMON_H
#define CLS_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(name, cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "INVARIANT VIOLATED: %s: %s (%s:%d)\n", \
					(name), #cond, __FILE__, __LINE__); \
			abort(); \
		} \
	} while (0)

/* A reader over the fuzz input: fixed-size fields first, the rest is a
 * string.  Fields past the end read as zero. */
typedef struct fuzz_in
{
	const uint8_t *p;
	size_t		n;
} fuzz_in;

static inline void
fuzz_take(fuzz_in *in, void *out, size_t k)
{
	size_t		m = in->n < k ? in->n : k;

	memset(out, 0, k);
	if (m)
		memcpy(out, in->p, m);
	in->p += m;
	in->n -= m;
}

static inline uint8_t
fuzz_u8(fuzz_in *in)
{
	uint8_t		v;

	fuzz_take(in, &v, 1);
	return v;
}

static inline double
fuzz_f64(fuzz_in *in)
{
	double		v;

	fuzz_take(in, &v, sizeof v);
	return v;
}

static inline int64_t
fuzz_i64(fuzz_in *in)
{
	int64_t		v;

	fuzz_take(in, &v, sizeof v);
	return v;
}

/* An exact-size heap copy of k bytes (no terminator), so that AddressSanitizer
 * reports any read past the length the callee was given.  malloc(0) may
 * return NULL; we always allocate at least one byte but pass len = 0. */
static inline char *
fuzz_bytes(const void *src, size_t k)
{
	char	   *b = malloc(k ? k : 1);

	if (b == NULL)
		abort();
	if (k)
		memcpy(b, src, k);
	return b;
}

/* k uninitialised-free bytes (zeroed) on the heap, exactly k long. */
static inline char *
fuzz_alloc(size_t k)
{
	char	   *b = calloc(k ? k : 1, 1);

	if (b == NULL)
		abort();
	return b;
}

static int	fuzz_xfail_inited;
static const char *fuzz_xfail_list;

static inline int
fuzz_xfail(const char *name)
{
	const char *s;
	size_t		n = strlen(name);

	if (!fuzz_xfail_inited)
	{
		fuzz_xfail_list = getenv("CLS_FUZZ_XFAIL");
		fuzz_xfail_inited = 1;
	}
	for (s = fuzz_xfail_list; s && *s;)
	{
		const char *e = strchr(s, ',');
		size_t		k = e ? (size_t) (e - s) : strlen(s);

		if (k == n && memcmp(s, name, n) == 0)
			return 1;
		s = e ? e + 1 : NULL;
	}
	return 0;
}

/* Say once per process that a known bug was reached (run.sh greps this). */
static inline void
fuzz_xfail_hit(const char *name)
{
	static char seen[256];

	if (strstr(seen, name) == NULL && strlen(seen) + strlen(name) + 2 < sizeof seen)
	{
		strcat(seen, name);
		strcat(seen, ",");
		fprintf(stderr, "KNOWN BUG REACHED: %s\n", name);
	}
}

#endif							/* CLS_FUZZ_COMMON_H */

/*
 * episodes.h -- episode windows over time (cls core): interval eras and
 * state episodes (README: Episode windows).
 *
 * Plain C99: no PostgreSQL header.  Times are int64 microseconds (the
 * PostgreSQL TimestampTz representation); the same code serves dates as
 * int64 day numbers.  Every rule is in elapsed time, so nothing here
 * depends on a time zone.
 *
 * Spans are CLOSED: [start, end], start <= end.  A point (start == end) is a
 * span of its own.  Two closed spans that touch (b.start == a.end) merge.
 *
 * Arithmetic near the int64 limits saturates (INT64_MIN / INT64_MAX are
 * PostgreSQL's -infinity / +infinity), so no input can overflow.
 */
#ifndef CLS_EPISODES_H
#define CLS_EPISODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "obs.h"			/* time, saturating arithmetic */

/* One (time, active) observation; t in microseconds (TimestampTz). */
typedef struct cls_state_obs
{
	int64_t		t;
	bool		active;
} cls_state_obs;

/* A closed span [start, end]. */
typedef struct cls_span
{
	int64_t		start;
	int64_t		end;
} cls_span;

/* State-episode parameters, microseconds, each >= 0 (checked by callers). */
typedef struct cls_state_params
{
	int64_t		max_gap;		/* episodes at most this far apart merge */
	int64_t		hold;			/* an active observation holds this long */
	int64_t		min_duration;	/* shorter episodes (end - start) are dropped */
} cls_state_params;

/*
 * Sort observations into the total order (t ascending, then active before
 * inactive).  In place, no allocation; calls the interrupt hook
 * periodically.
 */
void		cls_state_obs_sort(cls_state_obs *obs, size_t n);

/*
 * The observations in cls_state_obs_sort order from the sorted times of
 * the active ones (act[0..na)) and of the inactive ones (inact[0..ni)):
 * written to out (room for na + ni).  A state keeps its observations as
 * these two arrays, 8 bytes each.
 */
void		cls_state_obs_from_times(const int64_t *act, size_t na,
									 const int64_t *inact, size_t ni,
									 cls_state_obs *out);

/*
 * State episodes of sorted observations (cls_state_obs_sort order); `out`
 * has room for n spans.  Returns the number of episodes, written to out[]
 * sorted and disjoint (any two are more than max_gap apart).
 *
 * Semantics (README "Episode windows"):
 *  - observations at one time collapse to one: active wins a tie;
 *  - an episode begins at an active observation when none is running;
 *  - it is resolved at the first inactive observation after its last active
 *    one, or at last active + hold, whichever comes first (an active
 *    observation is taken to hold for `hold` and no longer); an active
 *    observation later than last active + hold begins a new episode;
 *  - episodes whose gap (next start - previous end) is <= max_gap merge;
 *  - then episodes with end - start < min_duration are dropped.
 *
 * `out` may be the very array `obs` (cast): episode k is written only after
 * observation k has been read, so a caller can build the episodes over its
 * sorted copy without a second buffer (sizeof(cls_span) ==
 * sizeof(cls_state_obs) on every usual ABI; check it before doing so).
 */
size_t		cls_state_episodes(const cls_state_obs *obs, size_t n,
							   const cls_state_params *p, cls_span *out);

/* Interval union: sorts and merges in place (closed spans: touching ones
 * merge); returns the new n.  Spans with start > end are not expected. */
size_t		cls_span_union(cls_span *spans, size_t n);

/*
 * Union with a gap tolerance (OHDSI eras): sorts and merges in place spans
 * whose gap (next start - latest end so far) is <= gap; returns the new n.
 * Equivalent to extending every span's end by gap, taking the union and
 * trimming gap off each result's end, but without overflow.  gap >= 0.
 */
size_t		cls_span_union_gap(cls_span *spans, size_t n, int64_t gap);

/*
 * The incremental gap union of an era aggregate: spans[0..n) in a buffer of
 * cap spans owned by the caller, of which spans[0..nmerged) are sorted and
 * merged with the gap tolerance (closed [start, end], not extended).  Rows
 * in time order extend or append to the last era in O(1); others are
 * appended and merged (cls_span_union_gap) when the buffer is full.
 */
typedef struct cls_eras_acc
{
	int64_t		gap;			/* tolerance, >= 0 */
	size_t		n;
	size_t		nmerged;
	size_t		cap;
	cls_span   *spans;
} cls_eras_acc;

/* cls_eras_add past its inline case: [lo, hi] does not extend the last
 * era of input in time order (in_order: the spans are merged and lo is
 * not before the last one's start). */
bool		cls_eras_add_new(cls_eras_acc *a, int64_t lo, int64_t hi,
							 bool in_order);

/* Add [lo, hi] (lo <= hi).  False, with nothing added, when the buffer
 * stays more than half full after merging: the caller gives it more room
 * (spans, cap) and calls again.  Inline for the case of nearly every row
 * (the aggregate's transition function): input in time order that extends
 * the last era. */
static inline bool
cls_eras_add(cls_eras_acc *a, int64_t lo, int64_t hi)
{
	bool		in_order = a->n > 0 && a->nmerged == a->n &&
		lo >= a->spans[a->n - 1].start;

	if (in_order && lo <= cls_sat_add(a->spans[a->n - 1].end, a->gap))
	{
		if (hi > a->spans[a->n - 1].end)
			a->spans[a->n - 1].end = hi;
		return true;
	}
	return cls_eras_add_new(a, lo, hi, in_order);
}
/* Merge everything; true when the merged spans fill more than half the
 * buffer (the caller should give it more room). */
bool		cls_eras_compact(cls_eras_acc *a);

/* Sort spans by (start, end) in place. */
void		cls_span_sort(cls_span *spans, size_t n);

/* Long loops call cls_check_interrupts() (sort.h). */

#endif							/* CLS_EPISODES_H */

/*
 * triad_episodes.c -- triad episodes (cls core, README: Episode windows).
 *
 * See triad_episodes.h for the contract; README "Triad episodes" for users.
 * The only numbers here are defaults of the episode parameters (cls
 * choices, each with its reason) and the albumin LLN default of README: Reference: CTCAE grading.
 */
#include "triad_episodes.h"

#include <math.h>
#include <string.h>

#include "sort.h"			/* cls_check_interrupts */

#include "ctcae.h"

#define H	CLS_USECS_PER_HOUR

/*
 * cls choice: episodes at most 24 h apart merge.  Labs are drawn about
 * daily, so two suspected stretches less than a day apart are more likely a
 * gap in sampling than a recovery and a new attack.
 */
#define TEP_MAX_GAP			(24 * H)

void
cls_triad_episode_params_default(cls_triad_episode_params *p)
{
	p->max_gap = TEP_MAX_GAP;
	/* cls choice: no hold -- the evidence's own expiry (the co-occurrence
	 * window or the validity windows of the criteria) already ends an
	 * episode, so a second clock is not needed by default */
	p->hold = CLS_TEP_NO_HOLD;
	/* cls choice: keep every episode; a short one is still a signal */
	p->min_duration = 0;
	p->albumin_lln = CLS_CTCAE_ALBUMIN_LLN_G_DL;	/* the CTCAE LLN default */
}

static const char *const tep_field_names[CLS_TEP__COUNT] = {
	"max_gap", "hold", "min_duration", "albumin_lln"
};

const char *
cls_triad_episode_params_field_name(cls_tep_field f)
{
	return (f >= 0 && f < CLS_TEP__COUNT) ? tep_field_names[f] : "unknown";
}

const char *
cls_triad_episode_lln_check(double lln, const char **hint)
{
	if (isfinite(lln) && lln > 0)
		return NULL;
	*hint = "Pass NULL when the LLN is unknown (grade 1 then cannot be told from grade 0).";
	return "The albumin LLN must be a finite number of g/dL greater than zero.";
}

const char *
cls_triad_episode_params_field_check(const cls_triad_episode_params *p,
									 cls_tep_field f, const char **hint)
{
	int64_t		d;

	*hint = NULL;
	switch (f)
	{
		case CLS_TEP_MAX_GAP:
			d = p->max_gap;
			break;
		case CLS_TEP_HOLD:
			d = p->hold;
			break;
		case CLS_TEP_MIN_DURATION:
			d = p->min_duration;
			break;
		case CLS_TEP_ALBUMIN_LLN:
			/* NaN: unknown */
			return isnan(p->albumin_lln) ? NULL : cls_triad_episode_lln_check(p->albumin_lln, hint);
		default:
			return "There is no such field.";
	}
	return d < 0 ? "A duration must not be negative." : NULL;
}

const char *
cls_triad_episode_params_check(const cls_triad_episode_params *p, int *field)
{
	for (int f = 0; f < CLS_TEP__COUNT; f++)
	{
		const char *hint;
		const char *why = cls_triad_episode_params_field_check(p, (cls_tep_field) f, &hint);

		if (why)
		{
			if (field)
				*field = f;
			return why;
		}
	}
	return NULL;
}

/* One evaluation time (phase 1), then reused for one episode's record. */
typedef struct tep_point
{
	int64_t		t;
	int64_t		until;
	int64_t		ev_start;		/* current values: earliest evidence */
	uint32_t	signs;
	uint32_t	suspected;
} tep_point;

typedef struct tep_rec
{
	int64_t		onset;
	int64_t		end;
	int64_t		ev_start;
	uint32_t	signs;
	uint32_t	pad;
} tep_rec;

typedef union tep_slot
{
	tep_point	p;
	tep_rec		r;
} tep_slot;

/* work = slots[n] | state observations[2n] | spans[n] */
size_t
cls_triad_episodes_work_size(size_t n)
{
	size_t		per = sizeof(tep_slot) + 2 * sizeof(cls_state_obs) + sizeof(cls_span);

	if (n > SIZE_MAX / per)
		return 0;
	return n * per;
}

static tep_slot *
work_slots(const void *work)
{
	return (tep_slot *) work;
}

static cls_state_obs *
work_sobs(const void *work, size_t n)
{
	return (cls_state_obs *) ((char *) work + n * sizeof(tep_slot));
}

static cls_span *
work_spans(const void *work, size_t n)
{
	return (cls_span *) ((char *) work + n * sizeof(tep_slot) +
						 2 * n * sizeof(cls_state_obs));
}

/*
 * The signs that can matter to the profile: s such that some set of signs
 * fails without s and holds with it (the profiles are monotone).  Derived
 * from cls_profile_holds, so the profile definitions stay in triad.c.
 */
static uint32_t
relevant_signs(const cls_triad_criteria *c)
{
	uint32_t	mask = 0;
	unsigned	all = 1u << CLS_SIGN__COUNT;

	for (unsigned set = 0; set < all; set++)
	{
		if (cls_profile_holds(c, set))
			continue;
		for (int s = 0; s < CLS_SIGN__COUNT; s++)
			if (!(set & CLS_SIGN_BIT(s)) && cls_profile_holds(c, set | CLS_SIGN_BIT(s)))
				mask |= CLS_SIGN_BIT(s);
	}
	return mask;
}

size_t
cls_triad_episodes_find(const cls_triad_criteria *c, const cls_calendar *cal,
						const double *baselines,
						const cls_obs *obs, size_t n,
						const cls_triad_episode_params *p, void *work)
{
	tep_slot   *slot = work_slots(work);
	cls_state_obs *sobs = work_sobs(work, n);
	cls_span   *spans = work_spans(work, n);
	cls_triad_eval ev;
	uint32_t	relevant = relevant_signs(c);
	cls_state_params sp;
	size_t		np = 0,
				ns = 0,
				ne,
				i = 0,
				steps = 0;
	int64_t		prev_end = INT64_MIN;
	bool		have_prev = false;

	/* 1. the timeline, one evaluation time at a time (the evaluator is
	 * resumable), keeping the earliest evidence of the relevant signs */
	cls_triad_eval_init(&ev, c, baselines);
	cls_triad_eval_set_calendar(&ev, cal);
	while (i < n)
	{
		size_t		j = i;
		cls_triad_point pt;
		tep_point  *q = &slot[np].p;

		while (j < n && obs[j].t == obs[i].t)
			j++;
		steps += j - i;
		if (steps >= 65536)
		{
			steps = 0;
			cls_check_interrupts();
		}
		cls_triad_eval_run(&ev, obs, j, &pt);
		q->t = pt.t;
		q->until = pt.until;
		q->signs = pt.signs;
		q->suspected = pt.suspected;
		q->ev_start = pt.t;
		if (pt.suspected)
			for (int s = 0; s < CLS_SIGN__COUNT; s++)
				if ((pt.signs & relevant & CLS_SIGN_BIT(s)) &&
					ev.last_ev[s].t < q->ev_start)
					q->ev_start = ev.last_ev[s].t;
		np++;
		i = j;
	}

	/* 2. (time, active) observations: each evaluation time, and the expiry
	 * of a suspected time's evidence when no evaluation time comes first.
	 * Already in cls_state_obs_sort order: times strictly increase
	 * (t < until < next t). */
	for (size_t k = 0; k < np; k++)
	{
		const tep_point *q = &slot[k].p;

		sobs[ns].t = q->t;
		sobs[ns].active = q->suspected != 0;
		ns++;
		if (q->suspected && (k + 1 == np || q->until < slot[k + 1].p.t))
		{
			sobs[ns].t = q->until;
			sobs[ns].active = false;
			ns++;
		}
	}

	/* 3. the episodes: the one episode algorithm of the project */
	sp.max_gap = p->max_gap;
	sp.hold = p->hold;
	sp.min_duration = p->min_duration;
	ne = cls_state_episodes(sobs, ns, &sp, spans);

	/* 4. per episode: the onset's evidence start and the signs seen while
	 * suspected.  Record e is written into slot e once the points up to
	 * the episode's end have been read: its onset point has index >= e
	 * (one distinct onset point per episode), so nothing unread is
	 * overwritten. */
	i = 0;
	for (size_t e = 0; e < ne; e++)
	{
		tep_rec		r;
		int64_t		lo;

		while (i < np && slot[i].p.t < spans[e].start)
			i++;
		r.onset = spans[e].start;
		r.end = spans[e].end;
		r.signs = 0;
		r.pad = 0;
		if (c->window > 0)
			/* co-occurrence: the onset was judged on (onset - window,
			 * onset]; its earliest evidence may be anywhere in it */
			lo = cls_sat_sub(r.onset, c->window - 1);
		else
			/* current values: the latest values that made it hold */
			lo = (i < np) ? slot[i].p.ev_start : r.onset;
		/* never reach into the previous episode */
		if (have_prev && lo <= prev_end)
			lo = prev_end + 1;
		if (lo > r.onset)
			lo = r.onset;
		r.ev_start = lo;
		while (i < np && slot[i].p.t <= spans[e].end)
		{
			if (slot[i].p.suspected)
				r.signs |= slot[i].p.signs;
			i++;
		}
		slot[e].r = r;
		prev_end = r.end;
		have_prev = true;
	}
	return ne;
}

/*
 * Recovery: the first observation time t >= end (and before the next
 * episode's onset) at which the latest albumin is >= albumin_below and the
 * latest hematocrit is <= hematocrit_above, each latest value still inside
 * its validity window (valid for t0 <= t < t0 + validity).  Tied values at
 * one time: the worst of them (lowest albumin, highest hematocrit).  Only
 * the signs the profile uses count (the drug profile does not use
 * hemoconcentration, so there albumin alone decides); a NULL (off)
 * threshold drops its condition; with none left there is no recovery.
 */
static bool
recovery(const cls_triad_criteria *c, uint32_t relevant, const cls_obs *obs,
		 size_t n, int64_t end, int64_t limit, int64_t *at, size_t *steps)
{
	bool		need_alb = !isnan(c->albumin_below) &&
		(relevant & CLS_SIGN_BIT(CLS_SIGN_HYPOALBUMINEMIA));
	bool		need_hct = !isnan(c->hct_above) &&
		(relevant & CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION));
	int64_t		valid_alb = c->valid[CLS_IN_ALBUMIN];
	int64_t		valid_hct = c->valid[CLS_IN_HEMATOCRIT];
	int64_t		back = valid_alb > valid_hct ? valid_alb : valid_hct;
	bool		alb_have = false,
				hct_have = false;
	double		alb_v = 0,
				hct_v = 0;
	int64_t		alb_t = 0,
				hct_t = 0;
	size_t		i;

	if (!need_alb && !need_hct)
		return false;
	i = cls_obs_lower_bound(obs, n, cls_sat_sub(end, back));
	while (i < n)
	{
		int64_t		t = obs[i].t;
		bool		ga = false,
					gh = false;
		double		va = 0,
					vh = 0;
		bool		alb_ok,
					hct_ok;

		if (t >= limit)
			break;
		for (; i < n && obs[i].t == t; i++)
		{
			if (obs[i].analyte == CLS_A_ALBUMIN && (!ga || obs[i].v < va))
			{
				ga = true;
				va = obs[i].v;
			}
			else if (obs[i].analyte == CLS_A_HEMATOCRIT && (!gh || obs[i].v > vh))
			{
				gh = true;
				vh = obs[i].v;
			}
			if (++*steps >= 65536)
			{
				*steps = 0;
				cls_check_interrupts();
			}
		}
		if (ga)
		{
			alb_have = true;
			alb_v = va;
			alb_t = t;
		}
		if (gh)
		{
			hct_have = true;
			hct_v = vh;
			hct_t = t;
		}
		if (t < end)
			continue;
		alb_ok = !need_alb ||
			(alb_have && cls_sat_add(alb_t, valid_alb) > t && cls_dcmp(alb_v, c->albumin_below) >= 0);
		hct_ok = !need_hct ||
			(hct_have && cls_sat_add(hct_t, valid_hct) > t && cls_dcmp(hct_v, c->hct_above) <= 0);
		if (alb_ok && hct_ok)
		{
			*at = t;
			return true;
		}
	}
	return false;
}

void
cls_triad_episodes_details(const cls_triad_criteria *c, const cls_calendar *cal,
						   const cls_obs *obs,
						   size_t n, const cls_triad_episode_params *p,
						   const void *work, size_t ne,
						   const cls_span *excl, size_t nexcl,
						   const cls_cycle *cycles, size_t nc,
						   cls_triad_episode *out)
{
	const tep_slot *slot = work_slots(work);
	uint32_t	relevant = relevant_signs(c);
	size_t		x = 0,
				steps = 0;

	for (size_t e = 0; e < ne; e++)
	{
		const tep_rec *r = &slot[e].r;
		cls_triad_episode *o = &out[e];
		int64_t		limit = (e + 1 < ne) ? slot[e + 1].r.onset : INT64_MAX;

		memset(o, 0, sizeof(*o));
		o->onset = r->onset;
		o->end = r->end;
		o->evidence_start = r->ev_start;
		o->signs = r->signs;
		o->worst_grade = -1;
		o->exclusion = -1;

		/* worst values over the leak window [evidence start, end] */
		for (size_t i = cls_obs_lower_bound(obs, n, r->ev_start); i < n && obs[i].t <= r->end; i++)
		{
			if (++steps >= 65536)
			{
				steps = 0;
				cls_check_interrupts();
			}
			switch (obs[i].analyte)
			{
				case CLS_A_SBP:
					cls_extreme_min(&o->sbp_min, obs[i].v, obs[i].t);
					break;
				case CLS_A_ALBUMIN:
					cls_extreme_min(&o->albumin_min, obs[i].v, obs[i].t);
					break;
				case CLS_A_HEMATOCRIT:
					cls_extreme_max(&o->hct_max, obs[i].v, obs[i].t);
					break;
				default:
					break;
			}
		}

		/* the highest CTCAE v5.0 hypoalbuminemia grade: the grade of the
		 * lowest albumin (the grade is monotone in the value) */
		if (o->albumin_min.have)
		{
			cls_grade_input gi;
			int			g;

			memset(&gi, 0, sizeof(gi));
			gi.value = o->albumin_min.v;
			gi.has_lln = !isnan(p->albumin_lln);
			gi.lln = gi.has_lln ? p->albumin_lln : 0;
			gi.symptomatic = -1;
			if (cls_grade(CLS_T_HYPOALBUMINEMIA, CLS_V_5_0, &gi, &g) == CLS_GRADE_OK)
				o->worst_grade = g;
		}

		o->recovered = recovery(c, relevant, obs, n, r->end, limit, &o->recovered_at,
								&steps);

		/* exclusions: the first closed span overlapping [onset, end]
		 * (spans sorted and disjoint, episodes sorted: one pointer) */
		while (x < nexcl && excl[x].end < r->onset)
			x++;
		if (x < nexcl && excl[x].start <= r->end)
			o->exclusion = (int32_t) x;

		if (nc > 0)
		{
			int32_t		no;
			int64_t		day,
						start;

			cls_cycle_of(cal, cycles, nc, r->onset, &no, &day, &start);
			o->dosed = true;
			o->cycle = no;
			o->cycle_day = day;
			o->days_since_first_dose = cls_days_since(cal, r->onset, cycles[0].start);
		}
	}
}

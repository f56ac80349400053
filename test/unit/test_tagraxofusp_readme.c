/*
 * test_tagraxofusp_readme.c -- the README's table of the tagraxofusp rules
 * ("### The rules") against the rules table the evaluator uses
 * (cls_tgx_rules, src/core/tagraxofusp.c).
 *
 * The table's cells are prose (the label's words and cls's reading), so it
 * is checked, not generated: its rows must be the core's rules, by SQL name
 * and in order, and every number of a rule (k1..k3, the thresholds the
 * evaluator compares with) must appear as a number in that rule's row.  A
 * rule added, renamed or re-thresholded on one side only fails `make unit`.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tagraxofusp.h"
#include "unit.h"

/* true when `num` occurs in [row, end) as a whole number (not part of a
 * longer number: "5" is not found in "25" nor in "2.5") */
static int
has_number(const char *row, const char *end, const char *num)
{
	size_t		len = strlen(num);

	for (const char *p = row; p + len <= end; p++)
	{
		if (memcmp(p, num, len) != 0)
			continue;
		if (p > row && (isdigit((unsigned char) p[-1]) || p[-1] == '.'))
			continue;
		if (p + len < end && (isdigit((unsigned char) p[len]) ||
							  (p[len] == '.' && p + len + 1 < end &&
							   isdigit((unsigned char) p[len + 1]))))
			continue;
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char	   *readme = unit_slurp(argc > 1 ? argv[1] : "README.md");
	const char *p;
	const cls_tgx_rule_info *rules;
	size_t		n,
				i;

	CHECK(readme != NULL, "README.md readable");
	if (readme == NULL)
		return unit_done("tagraxofusp_readme");
	p = strstr(readme, "\n### The rules\n");
	if (p)
		p = strstr(p, "\n|---|");
	CHECK(p != NULL, "README has the table of the tagraxofusp rules");
	if (p == NULL)
		return unit_done("tagraxofusp_readme");
	p = strchr(p + 1, '\n') + 1;
	rules = cls_tgx_rules(&n);
	for (i = 0; i < n && strncmp(p, "| `", 3) == 0; i++)
	{
		const char *end = strchr(p, '\n');
		const char *name = p + 3;
		const char *tick = strchr(name, '`');
		double		k[3] = {rules[i].k1, rules[i].k2, rules[i].k3};

		CHECK(tick && (size_t) (tick - name) == strlen(rules[i].name) &&
			  memcmp(name, rules[i].name, strlen(rules[i].name)) == 0,
			  "README row %zu is rule %s (got \"%.*s\")", i + 1, rules[i].name,
			  tick ? (int) (tick - name) : 0, name);
		for (int j = 0; j < 3; j++)
		{
			char		num[32];

			if (k[j] == 0)
				continue;
			snprintf(num, sizeof(num), "%g", k[j]);
			CHECK(has_number(p, end, num), "README row of %s names its number %s",
				  rules[i].name, num);
		}
		p = end + 1;
	}
	CHECK(i == n && strncmp(p, "| `", 3) != 0,
		  "README lists the %zu rules of the core and no other (listed %zu)", n, i);
	free(readme);
	return unit_done("tagraxofusp_readme");
}

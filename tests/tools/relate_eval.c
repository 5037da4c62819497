/*
 * relate_eval.c — gen's related items and plan-to-report matches
 * against the hand labels of tests/labels/ (issue 21), read in place.
 *
 *   relate_eval LABELS SHARED PART [sweep]
 *
 * LABELS is tests/labels, SHARED the shared folder (seeds/, corpus/docs/),
 * PART tune or heldout (split.tsv).  Each label names its items by
 * SET/FILE:LINE; the item is the unit gen's parser makes at that line
 * (else the last unit before it), with its signature weighted within its
 * document as the build does (relate_doc_units()).
 *
 * Related (related.tsv): a pair is called related when its score is at
 * least RELATE_THRESHOLD; prints precision and recall.  With sweep, the
 * precision and recall at each score seen, with the label's id (to
 * choose the threshold on the tuning part).
 *
 * Matches (matches.tsv): the plan item is the label's own text (several
 * plan items share one line of a news report), scored against every
 * unit of the report (relate_match()); right when the best unit's line
 * is inside the label's report lines, or when the label says none and
 * no unit reaches RELATE_MATCH_MIN.  Prints the share right, overall and
 * for the pairs of two documents.
 *
 * Output: "related precision P recall R (tp fp fn)" and "matches
 * accuracy A (right/all) two-document pairs B (right/all)".  Exit 0,
 * or 2 on a usage or file error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relate/relate_int.h"
#include "parse/parse.h"

#define MAXDOCS	64

struct ldoc {
	char			*path;
	struct doc		*doc;
	struct arena		 a;
	struct relate_unit	*u;
	size_t			 n;
};

static struct ldoc	 docs[MAXDOCS];
static size_t		 ndocs;
static struct config	 cfg;
static const char	*shared;

/* The document of SET/FILE (loaded once), or NULL. */
static struct ldoc *
doc_get(const char *set, const char *file)
{
	char		 path[4096];
	struct diags	 d = DIAGS_INIT;
	struct ldoc	*l;
	size_t		 i;

	if (strcmp(set, "content") == 0)
		snprintf(path, sizeof(path), "content/%s", file);
	else if (strcmp(set, "seeds") == 0)
		snprintf(path, sizeof(path), "%s/seeds/%s", shared, file);
	else if (strcmp(set, "corpus") == 0)
		snprintf(path, sizeof(path), "%s/corpus/docs/%s", shared, file);
	else
		return NULL;
	for (i = 0; i < ndocs; i++)
		if (strcmp(docs[i].path, path) == 0)
			return &docs[i];
	if (ndocs == MAXDOCS)
		return NULL;
	l = &docs[ndocs];
	if ((l->doc = doc_load(path, &cfg, &d)) == NULL) {
		diags_free(&d);
		return NULL;
	}
	diags_free(&d);
	l->path = strdup(path);
	l->n = relate_doc_units(&l->a, l->doc, &l->u);
	ndocs++;
	return l;
}

/* Split ref "SET/FILE:LINE[-END][,..]" into its document, first line and
 * last line. */
static struct ldoc *
ref_parse(const char *ref, long *line, long *end)
{
	char		 set[32], file[1024], *colon;
	const char	*slash = strchr(ref, '/');
	size_t		 n;

	if (slash == NULL || (size_t)(slash - ref) >= sizeof(set))
		return NULL;
	n = (size_t)(slash - ref);
	memcpy(set, ref, n);
	set[n] = '\0';
	snprintf(file, sizeof(file), "%s", slash + 1);
	if ((colon = strrchr(file, ':')) == NULL)
		return NULL;
	*colon = '\0';
	*line = strtol(colon + 1, &colon, 10);
	*end = *line;
	if (*colon == '-')
		*end = strtol(colon + 1, NULL, 10);
	return doc_get(set, file);
}

/* The unit of l at line (else the last one before it), or -1. */
static long
unit_at(const struct ldoc *l, long line)
{
	long	 best = -1;
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		if (l->u[i].node->line == line)
			return (long)i;
		if (l->u[i].node->line < line)
			best = (long)i;
	}
	return best;
}

/* The tab-separated fields of line (changed) into f[0..max); count. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t	 n = 0;
	char	*p = line;

	while (n < max) {
		f[n++] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	return n;
}

/* Is label id of set in part (split.tsv)? */
static int
in_part(const char *labels, const char *set, const char *id, const char *part)
{
	static char	*split;
	static size_t	 len;
	char		 key[128];
	struct buf	 b = BUF_INIT;
	char		 path[4096];
	const char	*p;

	if (split == NULL) {
		snprintf(path, sizeof(path), "%s/split.tsv", labels);
		if (file_read(path, &b) == -1)
			return 0;
		len = b.len;
		split = strdup(buf_cstr(&b));
		buf_free(&b);
	}
	snprintf(key, sizeof(key), "\n%s\t%s\t%s\n", set, id, part);
	p = strstr(split, key);
	(void)len;
	return p != NULL;
}

struct scored {
	double	 s;
	int	 rel;
	char	 id[16];	/* the label's id */
};

static int
scored_cmp(const void *a, const void *b)
{
	const struct scored	*x = a, *y = b;

	return (x->s < y->s) - (x->s > y->s);
}

/* related.tsv: precision and recall at the threshold. */
/*
 * A trial of clause-level scores, off unless compiled with -DCLAUSE_F=F
 * (tests/labels/tune.sh -DCLAUSE_F=0.6 [-DCLAUSE_MIN=20]): a pair's score
 * is then the larger of its units' score and F times the best score of
 * a clause of either unit (relate_clause_sigs(): a sentence of its first
 * 200 characters with CLAUSE_MIN Han characters or more, signed alone)
 * against the other unit's signature: one item's clause can be the
 * other's whole commitment.  gen does not score so (its index bounds
 * scores by the units' cosine; docs/relations.md), so the shipped
 * figures are measured without it.
 */
#ifndef CLAUSE_F
#define CLAUSE_F	0.0
#endif
#define MAX_CLAUSES	16

/* The best relate_score() of a clause of unit x against y. */
static double
clause_best(const struct node *x, const struct relate_sig *y)
{
	struct buf		 b = BUF_INIT;
	struct arena		 a;
	struct relate_sig	 c[MAX_CLAUSES];
	size_t			 n, i;
	double			 best = 0, sc;

	memset(&a, 0, sizeof(a));
	relate_unit_text(x, &b);
	n = relate_clause_sigs(&a, b.data, b.len, c, MAX_CLAUSES);
	for (i = 0; i < n; i++)
		if ((sc = relate_score(&c[i], y)) > best)
			best = sc;
	arena_free(&a);
	buf_free(&b);
	return best;
}

/* The score of units x and y: relate_score(), or with the trial above
 * the larger of it and CLAUSE_F times their best clause's. */
static double
pair_score(const struct relate_unit *x, const struct relate_unit *y)
{
	double	 s = relate_score(&x->sig, &y->sig), c1, c2;

	if (CLAUSE_F <= 0.0)
		return s;
	c1 = clause_best(x->node, &y->sig);
	c2 = clause_best(y->node, &x->sig);
	if (c2 > c1)
		c1 = c2;
	return CLAUSE_F * c1 > s ? CLAUSE_F * c1 : s;
}

static int
eval_related(const char *labels, const char *part, int sweep)
{
	char		 path[4096], *line, *save, *f[10];
	struct buf	 b = BUF_INIT;
	struct ldoc	*da, *db;
	struct scored	*v = NULL;
	size_t		 nv = 0, i, tp = 0, fp = 0, fn = 0, npos = 0, k = 0;
	long		 la, lb, ea, eb, ua, ub;
	double		 s;

	snprintf(path, sizeof(path), "%s/related.tsv", labels);
	if (file_read(path, &b) == -1)
		return -1;
	for (line = strtok_r(b.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (fields(line, f, 10) < 8 || strcmp(f[0], "id") == 0 ||
		    !in_part(labels, "related", f[0], part))
			continue;
		if ((da = ref_parse(f[3], &la, &ea)) == NULL ||
		    (db = ref_parse(f[5], &lb, &eb)) == NULL ||
		    (ua = unit_at(da, la)) < 0 || (ub = unit_at(db, lb)) < 0) {
			fprintf(stderr, "relate_eval: %s: item not found\n",
			    f[0]);
			return -1;
		}
		s = pair_score(&da->u[ua], &db->u[ub]);
		v = xreallocarray(v, nv + 1, sizeof(*v));
		v[nv].s = s;
		snprintf(v[nv].id, sizeof(v[nv].id), "%s", f[0]);
		v[nv++].rel = strcmp(f[7], "related") == 0;
		if (v[nv - 1].rel)
			npos++;
		if (s >= RELATE_THRESHOLD)
			v[nv - 1].rel ? tp++ : fp++;
		else if (v[nv - 1].rel)
			fn++;
	}
	buf_free(&b);
	printf("related %s: precision %.3f recall %.3f (tp %zu fp %zu fn %zu, "
	    "%zu pairs, threshold %.3f)\n", part,
	    tp + fp ? (double)tp / (double)(tp + fp) : 0.0,
	    npos ? (double)tp / (double)npos : 0.0, tp, fp, fn, nv,
	    RELATE_THRESHOLD);
	if (sweep) {
		qsort(v, nv, sizeof(*v), scored_cmp);
		for (i = 0; i < nv; i++) {
			k += (size_t)v[i].rel;
			printf("  %.4f %s %s p=%.2f r=%.2f\n", v[i].s,
			    v[i].rel ? "REL" : "---", v[i].id,
			    (double)k / (double)(i + 1),
			    npos ? (double)k / (double)npos : 0.0);
		}
	}
	free(v);
	return 0;
}

struct mres {
	long	 line;	/* the best unit's line, or -1 */
	double	 s;
	const struct ldoc *l;
};

static void
match_cb(void *arg, uint32_t plan_unit, const struct relate_hit *best)
{
	struct mres	*r = arg;

	(void)plan_unit;
	if (best == NULL)
		r->line = -1;
	else {
		r->line = r->l->u[best->unit].node->line;
		r->s = best->score;
	}
}

/* Does the report span "FILE:A-B" (or A,B or A) hold line? */
static int
in_lines(const char *ref, long line)
{
	const char	*p = strrchr(ref, ':');
	long		 a, b;
	char		*e;

	if (p == NULL)
		return 0;
	for (p++; *p != '\0'; p = *e == ',' ? e + 1 : e) {
		a = strtol(p, &e, 10);
		b = a;
		if (*e == '-')
			b = strtol(e + 1, &e, 10);
		if (line >= a && line <= b)
			return 1;
		if (*e != ',')
			break;
	}
	return 0;
}

/* The report document of pair (the first report ref of its labels that
 * names one) as "FILE:0" into out; 0 when there is none. */
static int
pair_report(const char *labels, const char *pair, char *out, size_t size)
{
	char		 path[4096], *line, *save, *f[10];
	struct buf	 b = BUF_INIT;
	int		 found = 0;

	snprintf(path, sizeof(path), "%s/matches.tsv", labels);
	if (file_read(path, &b) == -1)
		return 0;
	for (line = strtok_r(b.data, "\n", &save); line != NULL && !found;
	    line = strtok_r(NULL, "\n", &save)) {
		if (fields(line, f, 10) < 6 || strcmp(f[1], pair) != 0 ||
		    strcmp(f[4], "none") == 0)
			continue;
		snprintf(out, size, "%.*s:0", (int)strcspn(f[4], ":"), f[4]);
		found = 1;
	}
	buf_free(&b);
	return found;
}

/* matches.tsv: the share of plan items matched right. */
static int
eval_matches(const char *labels, const char *part, int sweep)
{
	char			 path[4096], *line, *save, *f[10], *cut;
	struct buf		 b = BUF_INIT;
	struct ldoc		*rd;
	struct relate_index	*x;
	struct relate_sig	 ps;
	struct arena		 a = { 0 };
	struct mres		 r;
	struct relate_span	 sp, sr;
	size_t			 all = 0, right = 0, all2 = 0, right2 = 0, i;
	long			 l0, e0;
	int			 ok, two;
	char			 rref[2048];

	snprintf(path, sizeof(path), "%s/matches.tsv", labels);
	if (file_read(path, &b) == -1)
		return -1;
	for (line = strtok_r(b.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (fields(line, f, 10) < 6 || strcmp(f[0], "id") == 0 ||
		    !in_part(labels, "matches", f[0], part))
			continue;
		/* The report: the report ref's document, or (none) the plan
		 * ref's pair partner named by the other labels of the pair:
		 * the first report ref of the same pair. */
		snprintf(rref, sizeof(rref), "%s", f[4]);
		if (strcmp(f[4], "none") == 0) {
			if (!pair_report(labels, f[1], rref, sizeof(rref)))
				continue;
		}
		if ((rd = ref_parse(rref, &l0, &e0)) == NULL) {
			fprintf(stderr, "relate_eval: %s: report not found\n",
			    f[0]);
			return -1;
		}
		/* The plan item: the label's text, its cut marks blanked
		 * (a label may start inside a table row: "…在全市"). */
		while ((cut = strstr(f[3], "…")) != NULL)
			memset(cut, ' ', strlen("…"));
		relate_sig_make(&a, f[3], strlen(f[3]), &ps);
		x = relate_new();
		relate_add(x, 0, 0, &ps);
		for (i = 0; i < rd->n; i++)
			relate_add(x, 1, (uint32_t)i, &rd->u[i].sig);
		relate_freeze(x);
		sp.doc = 0; sp.first = 0; sp.end = 1;
		sr.doc = 1; sr.first = 0; sr.end = (uint32_t)rd->n;
		r.l = rd;
		r.s = 0;
		relate_match(x, sp, sr, match_cb, &r);
		relate_free(x);
		if (strcmp(f[4], "none") == 0)
			ok = r.line == -1;
		else
			ok = r.line != -1 && (in_lines(f[4], r.line) ||
			    unit_at(rd, l0) == unit_at(rd, r.line));
		two = strncmp(f[2], f[4], strcspn(f[2], ":")) != 0;
		all++;
		right += (size_t)ok;
		all2 += (size_t)two;
		right2 += (size_t)(two && ok);
		if (sweep || !ok)
			printf("  %s %s %s: best line %ld score %.3f, label %s\n",
			    ok ? "ok " : "BAD", f[0], f[1], r.line, r.s, f[4]);
	}
	buf_free(&b);
	arena_free(&a);
	printf("matches %s: accuracy %.3f (%zu/%zu) two-document pairs %.3f "
	    "(%zu/%zu)\n", part, all ? (double)right / (double)all : 0.0,
	    right, all, all2 ? (double)right2 / (double)all2 : 0.0, right2,
	    all2);
	return 0;
}

int
main(int argc, char *argv[])
{
	int	 sweep = argc > 4 && strcmp(argv[4], "sweep") == 0;

	if (argc < 4) {
		fprintf(stderr, "usage: relate_eval LABELS SHARED PART "
		    "[sweep]\n");
		return 2;
	}
	shared = argv[2];
	config_defaults(&cfg);
	if (eval_related(argv[1], argv[3], sweep) == -1 ||
	    eval_matches(argv[1], argv[3], sweep) == -1)
		return 2;
	return 0;
}

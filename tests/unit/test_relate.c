/*
 * test_relate.c — the signatures and score of the relate layer
 * (gen/relate/relate.c, docs/relations.md): function characters end a
 * run, the lead weighs more, a unit gets its heading's terms (too
 * lightly for a heading alone to relate two items), and the
 * score is a cosine whose norms are smoothed (never above the plain
 * cosine, lower for a unit of few terms) and lowered when the common
 * terms make fewer phrases than PHRASE_MIN; and the index (index.c): a
 * term's list keeps at most RELATE_PER_DOC units of one document, so a
 * document of many alike units does not hide every other document's;
 * relate_touch() marks the lists a change of a document reaches (those
 * with fewer than RELATE_POSTINGS units of the documents before it) and
 * relate_touched() finds the units probing them; relate_similar()'s
 * answer depends only on the lists of its unit's prefix terms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "relate/relate_int.h"
#include "parse/parse.h"

/* The code of the bigram of the two characters of s (UTF-8). */
static uint32_t
code2(const char *s)
{
	uint32_t	 a, b;
	size_t		 k;

	k = utf8_decode(s, strlen(s), &a);
	utf8_decode(s + k, strlen(s + k), &b);
	return relate_code(a, b);
}

/* The weight of code in sig, or 0. */
static unsigned
weight_of(const struct relate_sig *sig, uint32_t code)
{
	uint32_t	 i;

	for (i = 0; i < sig->n; i++)
		if (sig->term[i] == code)
			return sig->w[i];
	return 0;
}

/* The plain cosine of x and y. */
static double
cosine(const struct relate_sig *x, const struct relate_sig *y)
{
	double		 dot = 0;
	uint32_t	 i, j;

	for (i = 0; i < x->n; i++)
		for (j = 0; j < y->n; j++)
			if (x->term[i] == y->term[j])
				dot += (double)x->w[i] * y->w[j];
	return dot / sqrt((double)x->norm2 * (double)y->norm2);
}

/* The signature of the C string s, in a. */
static void
sig_of(struct arena *a, const char *s, struct relate_sig *out)
{
	relate_sig_make(a, s, strlen(s), out);
}

/* 的 joins two words: no term spans it (烟的, 的工). */
static void
test_function_chars(void **state)
{
	struct arena		 a = { 0 };
	struct relate_sig	 s;

	(void)state;
	sig_of(&a, "控烟的工作", &s);
	assert_int_equal(s.n, 2);
	assert_true(weight_of(&s, code2("控烟")) > 0);
	assert_true(weight_of(&s, code2("工作")) > 0);
	assert_int_equal(weight_of(&s, code2("烟的")), 0);
	/* Without it the run goes on: 烟工 is a term. */
	sig_of(&a, "控烟工作", &s);
	assert_int_equal(s.n, 3);
	assert_true(weight_of(&s, code2("烟工")) > 0);
	arena_free(&a);
}

/* Two terms of the same idf (neither in the shipped table): the one of
 * the first sentence weighs LEAD_W (1.5) times the other. */
static void
test_lead(void **state)
{
	struct arena		 a = { 0 };
	struct relate_sig	 s;

	(void)state;
	sig_of(&a, "鼋鼍。魑魅", &s);
	assert_int_equal(s.n, 2);
	assert_int_equal(weight_of(&s, code2("鼋鼍")), RELATE_WMAX);
	assert_int_equal(weight_of(&s, code2("魑魅")), 42);
	/* A line ends the lead too (a title over its text). */
	sig_of(&a, "魑魅\n鼋鼍", &s);
	assert_int_equal(weight_of(&s, code2("魑魅")), RELATE_WMAX);
	assert_int_equal(weight_of(&s, code2("鼋鼍")), 42);
	arena_free(&a);
}

/* A unit's clauses: its sentences of 20 Han characters or more in its
 * first 200 characters, in order, each signed alone; against an item
 * whose whole commitment is one of them, that clause scores more than
 * the unit. */
static void
test_clause_sigs(void **state)
{
	const char		*head = "依法行政，持续强化公共卫生服务体系建设。"
	    "提高区疾控中心实验室检测能力，加强重大传染病防控和突发公共卫生事件"
	    "应急处置。推进第四轮全国艾滋病综合防治示范区建设。"
	    "积极推进执法规范化建设，强化生活饮用水、公共场所、学校卫生监督管理。";
	const char		*water = "加强农村生活饮用水卫生监管。推进农村自建"
	    "供水设施卫生安全工作，开展学校生活饮用水的专项调查。";
	struct arena		 a = { 0 };
	struct relate_sig	 c[8], whole, other, alone;
	struct buf		 b = BUF_INIT;
	size_t			 n, i;
	double			 best = 0, s;

	(void)state;
	n = relate_clause_sigs(&a, head, strlen(head), c, 8);
	/* 依法行政… (18 Han characters) and 推进第四轮… (19) are too short. */
	assert_int_equal(n, 2);
	sig_of(&a, "提高区疾控中心实验室检测能力，加强重大传染病防控和突发公共"
	    "卫生事件应急处置", &alone);
	assert_int_equal(c[0].n, alone.n);
	assert_memory_equal(c[0].term, alone.term, alone.n * sizeof(*alone.term));
	assert_memory_equal(c[0].w, alone.w, alone.n);
	/* At most max. */
	assert_int_equal(relate_clause_sigs(&a, head, strlen(head), c, 1), 1);
	/* Past the first 200 characters nothing counts. */
	for (i = 0; i < 200; i++)
		buf_puts(&b, "。");
	buf_puts(&b, water);
	assert_int_equal(relate_clause_sigs(&a, b.data, b.len, c, 8), 0);
	/* The clause on drinking water against the water item. */
	n = relate_clause_sigs(&a, head, strlen(head), c, 8);
	sig_of(&a, head, &whole);
	sig_of(&a, water, &other);
	for (i = 0; i < n; i++)
		if ((s = relate_score(&c[i], &other)) > best)
			best = s;
	assert_true(best > relate_score(&whole, &other));
	buf_free(&b);
	arena_free(&a);
}

/* The score never exceeds the cosine; a unit of few terms scores less
 * against itself than one of many. */
static void
test_score_smoothed(void **state)
{
	struct arena		 a = { 0 };
	struct relate_sig	 shortu, longu, other;
	double			 s;

	(void)state;
	sig_of(&a, "推进控烟工作。", &shortu);
	sig_of(&a, "推进控烟工作。加强无烟环境建设，开展控烟执法检查，"
	    "公共场所吸烟率持续下降。", &longu);
	sig_of(&a, "落实控烟条例，继续加强无烟环境建设。", &other);
	s = relate_score(&shortu, &shortu);
	assert_true(s < 1.0);
	assert_true(s < relate_score(&longu, &longu));
	assert_true(relate_score(&longu, &longu) <= 1.0);
	s = relate_score(&longu, &other);
	assert_true(s > 0);
	assert_true(s <= cosine(&longu, &other) + 1e-12);
	assert_true(relate_score(&shortu, &other) <=
	    cosine(&shortu, &other) + 1e-12);
	arena_free(&a);
}

/* The signature of the bigrams of the UTF-8 strings grams[0..n) (two
 * characters each), each of weight w, into out (codes in t, weights in
 * wt). */
static void
sig_grams(const char *const *grams, size_t n, uint8_t w, uint32_t *t,
    uint8_t *wt, struct relate_sig *out)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		t[i] = code2(grams[i]);
		wt[i] = w;
	}
	qsort(t, n, sizeof(*t), u32_cmp);
	out->term = t;
	out->w = wt;
	out->n = (uint32_t)n;
	out->norm2 = (uint32_t)(n * w * w);
}

/* Common terms that make one phrase (疾病 病预 预防: one chain of
 * characters) score less than as many of the same weight that make
 * three (疾病 控烟 中医), the norms being the same: one shared phrase is
 * the same words, not yet the same commitment. */
static void
test_phrases(void **state)
{
	static const char *const chain_a[] = { "疾病", "病预", "预防",
	    "执法", "检查", "养老" };
	static const char *const chain_b[] = { "疾病", "病预", "预防",
	    "护理", "人才", "队伍" };
	static const char *const apart_a[] = { "疾病", "控烟", "中医",
	    "执法", "检查", "养老" };
	static const char *const apart_b[] = { "疾病", "控烟", "中医",
	    "护理", "人才", "队伍" };
	uint32_t		 t[4][6];
	uint8_t			 w[4][6];
	struct relate_sig	 ca, cb, aa, ab;
	double			 chain, apart;

	(void)state;
	sig_grams(chain_a, 6, 40, t[0], w[0], &ca);
	sig_grams(chain_b, 6, 40, t[1], w[1], &cb);
	sig_grams(apart_a, 6, 40, t[2], w[2], &aa);
	sig_grams(apart_b, 6, 40, t[3], w[3], &ab);
	chain = relate_score(&ca, &cb);
	apart = relate_score(&aa, &ab);
	assert_true(chain > 0);
	assert_true(chain < apart);
	assert_true(apart <= cosine(&aa, &ab) + 1e-12);
	assert_true(fabs(cosine(&ca, &cb) - cosine(&aa, &ab)) < 1e-12);
	assert_true(fabs(relate_score(&cb, &ca) - chain) < 1e-12);
}

/* An item gets the terms of its section's title: 控烟 of 一、加强控烟工作
 * is in the signature of 1. 修订预案并组织演练, which does not say it. */
static void
test_heading_terms(void **state)
{
	static const char	 text[] =
	    "一、加强控烟工作\n\n1. 修订预案并组织演练。\n\n"
	    "2. 开展宣传活动。\n";
	struct config		 cfg;
	struct diags		 d = DIAGS_INIT;
	struct doc		*doc;
	struct arena		 a = { 0 };
	struct relate_unit	*u;
	size_t			 n;

	(void)state;
	config_defaults(&cfg);
	doc = doc_parse("t.txt", text, strlen(text), &cfg, &d);
	assert_non_null(doc);
	n = relate_doc_units(&a, doc, &u);
	assert_int_equal(n, 2);
	assert_true(weight_of(&u[0].sig, code2("控烟")) > 0);
	assert_true(weight_of(&u[0].sig, code2("预案")) > 0);
	assert_true(weight_of(&u[1].sig, code2("控烟")) > 0);
	/* The two items share their heading's terms and nothing else: they
	 * score above 0, but a heading alone makes no related item and no
	 * match (the comparison of two years would call them continued). */
	assert_true(relate_score(&u[0].sig, &u[1].sig) > 0);
	assert_true(relate_score(&u[0].sig, &u[1].sig) < RELATE_MATCH_MIN);
	arena_free(&a);
	doc_free(doc);
	diags_free(&d);
	config_free(&cfg);
}

#define ALIKE	"落实家庭医生签约服务，扩大重点人群签约覆盖面。"
#define OTHER	"完善食品安全风险监测，开展食源性疾病主动监测。"

/* The signature of text, in a (sig_of()), with terms. */
static struct relate_sig *
sig_new(struct arena *a, const char *text)
{
	struct relate_sig	*s = arena_alloc(a, sizeof(*s));

	sig_of(a, text, s);
	assert_true(s->n > 0);
	return s;
}

/* Document 0 has 100 units alike, documents 1..70 one each: a unit of
 * document 0 still finds documents 1..5 (with every unit of its list of
 * document 0, it would find none). */
static void
test_per_doc(void **state)
{
	struct arena		 a = ARENA_INIT;
	struct relate_index	*x = relate_new();
	struct relate_sig	*s = sig_new(&a, ALIKE);
	struct relate_hit	 h[RELATE_TOP];
	uint32_t		 d, k;
	size_t			 n;

	(void)state;
	for (k = 0; k < 100; k++)
		relate_add(x, 0, k, s);
	for (d = 1; d <= 70; d++)
		relate_add(x, d, 0, s);
	relate_freeze(x);
	n = relate_similar(x, 0, 50, h);
	assert_int_equal(n, RELATE_TOP);
	for (k = 0; k < n; k++) {
		assert_int_equal(h[k].doc, k + 1);
		assert_int_equal(h[k].unit, 0);
		/* Alike units: one score (smoothed, under 1). */
		assert_true(h[k].score == h[0].score);
		assert_true(h[k].score >= RELATE_THRESHOLD);
	}
	/* A unit of document 70 (past the lists' first units) finds
	 * document 0's first units: equal scores by (doc, unit). */
	n = relate_similar(x, 70, 0, h);
	assert_int_equal(n, RELATE_TOP);
	assert_int_equal(h[0].doc, 0);
	assert_int_equal(h[0].unit, 0);
	relate_free(x);
	arena_free(&a);
}

/* Documents 0..99 hold one alike unit each, document 100 another one:
 * a change of document 10 touches the alike units' lists, one of
 * document 80 (64 units before it) none; the other unit is never
 * touched. */
static void
test_touch(void **state)
{
	struct arena		 a = ARENA_INIT;
	struct relate_index	*x;
	struct relate_sig	*s = sig_new(&a, ALIKE), *o = sig_new(&a, OTHER);
	uint32_t		 d;
	int			 round;

	(void)state;
	for (round = 0; round < 2; round++) {
		x = relate_new();
		for (d = 0; d < 100; d++)
			relate_add(x, d, 0, s);
		relate_add(x, 100, 0, o);
		relate_freeze(x);
		assert_false(relate_touched(x, s, relate_prefix(s)));
		relate_touch(x, round == 0 ? 80 : 10, s, relate_prefix(s));
		if (round == 0)
			assert_false(relate_touched(x, s, relate_prefix(s)));
		else
			assert_true(relate_touched(x, s, relate_prefix(s)));
		assert_false(relate_touched(x, o, relate_prefix(o)));
		relate_free(x);
	}
	arena_free(&a);
}

/* A document removed past the lists' first units changes no answer:
 * the related items of a unit probing only full lists stay the same. */
static void
test_local(void **state)
{
	struct arena		 a = ARENA_INIT;
	struct relate_index	*x;
	struct relate_sig	*s = sig_new(&a, ALIKE);
	struct relate_hit	 before[RELATE_TOP], after[RELATE_TOP];
	size_t			 nb, na;
	uint32_t		 d;

	(void)state;
	x = relate_new();
	for (d = 0; d < 100; d++)
		relate_add(x, d, 0, s);
	relate_freeze(x);
	nb = relate_similar(x, 90, 0, before);
	relate_free(x);
	x = relate_new();
	for (d = 0; d < 100; d++)
		if (d != 80)
			relate_add(x, d, 0, s);
	relate_freeze(x);
	relate_touch(x, 80, s, relate_prefix(s));
	assert_false(relate_touched(x, s, relate_prefix(s)));
	na = relate_similar(x, 90, 0, after);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, nb * sizeof(*before));
	relate_free(x);
	arena_free(&a);
}

/* A seeded signature of n terms drawn from 1..span into t, w: its
 * terms ascending and distinct, weights 1..RELATE_WMAX. */
static void
rand_sig(uint64_t *seed, size_t n, uint32_t span, uint32_t *t, uint8_t *w,
    struct relate_sig *sig)
{
	size_t		 i, j, k, m;
	uint32_t	 v;

	memset(sig, 0, sizeof(*sig));
	for (i = 0; i < n; i++) {
		*seed = *seed * 6364136223846793005u + 1442695040888963407u;
		v = 1 + (uint32_t)((*seed >> 33) % span);
		m = sig->n;
		for (j = 0; j < m && t[j] < v; j++)
			continue;
		if (j < m && t[j] == v)
			continue;	/* drawn again: one term fewer */
		for (k = m; k > j; k--)
			t[k] = t[k - 1];
		t[j] = v;
		sig->n++;
	}
	for (i = 0; i < sig->n; i++) {
		*seed = *seed * 6364136223846793005u + 1442695040888963407u;
		w[i] = (uint8_t)(1 + (*seed >> 33) % RELATE_WMAX);
		sig->norm2 += (uint32_t)w[i] * w[i];
	}
	sig->term = t;
	sig->w = w;
}

/* relate_score_probe() is relate_score(), to the bit, with the terms
 * in term or raw, through the probe table's collisions (codes from a
 * small span share many terms and slots); relate_score_ceil() is never
 * below either. */
static void
test_probe_exact(void **state)
{
	uint32_t		 tx[RELATE_TERMS], ty[RELATE_TERMS];
	uint8_t			 wx[RELATE_TERMS], wy[RELATE_TERMS];
	unsigned char		 raw[RELATE_TERMS * 4];
	struct relate_sig	 x, y, yr;
	struct relate_probe	 pr;
	uint64_t		 seed = 21;
	double			 s;
	size_t			 round, k, nonzero = 0;
	uint32_t		 span;

	(void)state;
	for (round = 0; round < 2000; round++) {
		span = round % 3 == 0 ? 100 : round % 3 == 1 ? 5000 :
		    400000000u;
		rand_sig(&seed, 1 + round % RELATE_TERMS, span, tx, wx, &x);
		rand_sig(&seed, 1 + (round * 7) % RELATE_TERMS, span, ty, wy,
		    &y);
		for (k = 0; k < y.n; k++)
			memcpy(raw + 4 * k, &ty[k], 4);
		yr = y;
		yr.term = NULL;
		yr.raw = raw;
		relate_probe_make(&pr, &x);
		s = relate_score(&x, &y);
		nonzero += s > 0;
		assert_true(relate_score_probe(&pr, &y) == s);
		assert_true(relate_score_probe(&pr, &yr) == s);
		assert_true(relate_score_ceil(x.norm2, y.norm2) >= s);
	}
	assert_true(nonzero > 500);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_function_chars),
		cmocka_unit_test(test_lead),
		cmocka_unit_test(test_score_smoothed),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_heading_terms),
		cmocka_unit_test(test_per_doc),
		cmocka_unit_test(test_touch),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_probe_exact),
		cmocka_unit_test(test_clause_sigs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

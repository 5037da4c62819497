/*
 * test_relate.c — the index of related items (gen/relate/index.c): a
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "relate/relate_int.h"

#define ALIKE	"落实家庭医生签约服务，扩大重点人群签约覆盖面。"
#define OTHER	"完善食品安全风险监测，开展食源性疾病主动监测。"

/* The signature of text, in a. */
static struct relate_sig *
sig_of(struct arena *a, const char *text)
{
	struct relate_sig	*s = arena_alloc(a, sizeof(*s));

	relate_sig_make(a, text, strlen(text), s);
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
	struct relate_sig	*s = sig_of(&a, ALIKE);
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
		assert_true(h[k].score > 0.999);
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
	struct relate_sig	*s = sig_of(&a, ALIKE), *o = sig_of(&a, OTHER);
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
	struct relate_sig	*s = sig_of(&a, ALIKE);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_per_doc),
		cmocka_unit_test(test_touch),
		cmocka_unit_test(test_local),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

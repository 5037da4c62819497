/*
 * test_meta.c — metadata (meta.c, org.c): a document's title, kind, year
 * and organisation through the whole plain-text front end (doc_parse:
 * decoding, cleaning, unwrapping, outline), the two cases a new user met
 * (a 工作总结 whose title line is followed directly by its first
 * paragraph, LF and CRLF, with and without blank lines; a hard-wrapped
 * 完成情况 report), and the grammar of organisations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parse/parse_int.h"
#include "parse/org.h"

/* Parse src as the text file name (LF line ends, or CRLF when crlf). */
static struct doc *
parse_as(const char *name, const char *src, int crlf)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 b = BUF_INIT;
	struct doc	*doc;
	const char	*s;

	for (s = src; *s; s++) {
		if (*s == '\n' && crlf)
			buf_putc(&b, '\r');
		buf_putc(&b, *s);
	}
	config_defaults(&cfg);
	doc = doc_parse(name, b.data, b.len, &cfg, &d);
	assert_non_null(doc);
	assert_int_equal(diags_count(&d, SEV_ERROR), 0);
	diags_free(&d);
	config_free(&cfg);
	buf_free(&b);
	return doc;
}

/* The first child of the body. */
static const struct node *
first_node(const struct doc *doc)
{
	assert_non_null(doc->root->first);
	return doc->root->first;
}

/* A district office's own 工作总结: the title line, then at once its
 * first paragraph (one line), then the sections. */
static const char summary[] =
    "某某区卫生健康局2024年工作总结\n"
    "2024年，在区委、区政府的坚强领导下，区卫生健康局坚持以人民健康为"
    "中心，深化医药卫生体制改革，全力推进健康某某建设，各项工作取得新成"
    "效。现将有关情况总结如下。\n"
    "一、主要工作成效\n"
    "全年完成疫苗接种12万剂次，传染病报告及时率100%。\n"
    "二、存在问题\n"
    "基层人才队伍仍然薄弱。\n";

/* The same with a blank line after each line. */
static const char summary_blank[] =
    "某某区卫生健康局2024年工作总结\n\n"
    "2024年，在区委、区政府的坚强领导下，区卫生健康局坚持以人民健康为"
    "中心，深化医药卫生体制改革，全力推进健康某某建设，各项工作取得新成"
    "效。现将有关情况总结如下。\n\n"
    "一、主要工作成效\n\n"
    "全年完成疫苗接种12万剂次，传染病报告及时率100%。\n\n"
    "二、存在问题\n\n"
    "基层人才队伍仍然薄弱。\n";

static void
check_summary(const struct doc *doc)
{
	const struct node	*n = first_node(doc);

	assert_string_equal(doc->title, "某某区卫生健康局2024年工作总结");
	assert_string_equal(doc->kind, "工作总结");
	assert_int_equal(doc->year, 2024);
	/* 某某区 is no division: no organisation rather than a guess. */
	assert_null(doc->org);
	/* The first paragraph whole, not glued to the title. */
	assert_int_equal(n->type, NODE_PARAGRAPH);
	assert_non_null(strstr(n->text, "2024年，在区委"));
	assert_non_null(strstr(n->text, "总结如下。"));
	assert_null(strstr(n->text, "工作总结2024"));
	assert_int_equal(n->next->type, NODE_SECTION);
	assert_string_equal(n->next->title, "主要工作成效");
}

static void
test_summary_title_then_paragraph(void **state)
{
	struct doc	*doc;
	int		 crlf;

	(void)state;
	for (crlf = 0; crlf <= 1; crlf++) {
		doc = parse_as("summary.txt", summary, crlf);
		check_summary(doc);
		doc_free(doc);
		doc = parse_as("summary.txt", summary_blank, crlf);
		check_summary(doc);
		doc_free(doc);
	}
}

/* A hard-wrapped 完成情况 report (lines cut at 36 columns): the title
 * over two lines, the first paragraph over four. */
static const char wrapped[] =
    "某某县卫生健康委员会关于2023年度重点\n"
    "工作任务完成情况的报告\n"
    "2023年，县卫生健康委员会围绕年初确定\n"
    "的重点工作任务，强化统筹调度，狠抓责\n"
    "任落实，全年12项重点任务全部按期完成\n"
    "。现将完成情况报告如下。\n"
    "一、重点任务完成情况\n"
    "1.推进紧密型县域医共体建设。组建县域\n"
    "医共体2个，覆盖全部乡镇卫生院和村卫\n"
    "生室，县域内就诊率达到90%。\n"
    "2.提升基层服务能力。完成3所乡镇卫生\n"
    "院标准化建设，新增签约医生40名，家庭\n"
    "医生签约率达到45%。\n"
    "二、存在的问题\n"
    "基层人才队伍仍然薄弱，部分乡镇卫生院\n"
    "服务能力不足，信息化建设有待加强。\n";

/* The first paragraph of the report, rejoined. */
static const char wrapped_first[] =
    "2023年，县卫生健康委员会围绕年初确定的重点工作任务，强化统筹调度，"
    "狠抓责任落实，全年12项重点任务全部按期完成。现将完成情况报告如下。";

static void
test_wrapped_report(void **state)
{
	struct doc		*doc;
	const struct node	*n;
	struct buf		 b = BUF_INIT;
	int			 crlf;

	(void)state;
	for (crlf = 0; crlf <= 1; crlf++) {
		doc = parse_as("report.txt", wrapped, crlf);
		assert_string_equal(doc->title, "某某县卫生健康委员会关于2023年"
		    "度重点工作任务完成情况的报告");
		assert_string_equal(doc->kind, "情况报告");
		assert_int_equal(doc->year, 2023);
		n = first_node(doc);
		assert_int_equal(n->type, NODE_PARAGRAPH);
		assert_string_equal(n->text, wrapped_first);
		doc_free(doc);
		/* A one-line title shorter than the wrap width keeps the
		 * first body line out of it. */
		buf_reset(&b);
		buf_puts(&b, "某某县2023年度重点工作任务完成情况\n");
		buf_puts(&b, strchr(strchr(wrapped, '\n') + 1, '\n') + 1);
		doc = parse_as("report.txt", b.data, crlf);
		assert_string_equal(doc->title,
		    "某某县2023年度重点工作任务完成情况");
		assert_string_equal(doc->kind, "重点工作任务完成情况");
		assert_int_equal(doc->year, 2023);
		assert_string_equal(first_node(doc)->text, wrapped_first);
		doc_free(doc);
	}
	buf_free(&b);
}

/* Words gen once returned as organisations, and real ones. */
static void
test_org_grammar(void **state)
{
	static const char *const not_orgs[] = { "兴地区", "困地区",
	    "保税区", "安新区", "人才市", "推进广州市", "各地区", "全市",
	    "我区", "市卫生", "广州市家庭医生签约服务", NULL };
	static const char *const orgs[] = { "广州市卫生健康委员会",
	    "长治市上党区统计局", "红河州数据发展中心", "中共广州市委",
	    "耿马傣族佤族自治县卫生健康局", "湖州卫生健康委", "国务院",
	    "国家发展改革委办公厅", "健康中国行动推进委员会办公室",
	    "崇文区卫生局", "襄樊市人民政府", NULL };
	struct org_name	 m;
	size_t		 k;

	(void)state;
	for (k = 0; not_orgs[k] != NULL; k++)
		assert_false(org_parse(not_orgs[k], strlen(not_orgs[k]), 0,
		    &m));
	for (k = 0; orgs[k] != NULL; k++)
		assert_true(org_parse(orgs[k], strlen(orgs[k]), 0, &m));
	/* A place alone only where the caller allows it. */
	assert_false(org_parse("昌平区", strlen("昌平区"), 0, &m));
	assert_true(org_parse("昌平区", strlen("昌平区"), 1, &m));
	assert_string_equal(org_code_name(m.place), "昌平区");
	assert_true(org_level("市卫生计生委", strlen("市卫生计生委")));
	assert_false(org_level("全市卫生", strlen("全市卫生")));
}

/* Short forms and predecessors share a key; traditional text matches. */
static void
test_org_key(void **state)
{
	struct arena	 a;
	char		 buf[64];
	const char	*t = "國家疾控局";

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_string_equal(org_key(&a, "湖州卫健委"),
	    "湖州市卫生健康委员会");
	assert_string_equal(org_key(&a, "湖州市卫生计生委"),
	    "湖州市卫生健康委员会");
	assert_string_equal(org_key(&a, "襄樊市人民政府"), "襄阳市人民政府");
	assert_string_equal(org_key(&a, "崇文区卫生局"), "东城区卫生健康局");
	/* the Party prefix stays before the place */
	assert_string_equal(org_key(&a, "中共海南省委"), "中共海南省委");
	assert_string_equal(org_key(&a, "发展改革委办公厅"),
	    "国家发展和改革委员会办公厅");
	assert_string_equal(org_key(&a, t), "国家疾病预防控制局");
	org_simplify(t, strlen(t), buf);
	assert_int_equal(strlen(buf), strlen(t));
	assert_string_equal(buf, "国家疾控局");
	arena_free(&a);
}

/* Organisation names are folded by the documents' one fold (fold.c);
 * where its Unihan table and the old OpenCC one of names disagreed, the
 * form chosen (docs/parsing.md, rule fold): 17 variants Unihan lacks,
 * folded as OpenCC does, and 託 → 托, 鹼 → 碱 (not Unihan's 讬, 硷). */
static void
test_fold_chosen(void **state)
{
	static const char *const pairs[][2] = {
		{ "峯", "峰" }, { "嶽", "岳" }, { "巖", "岩" }, { "復", "复" },
		{ "徵", "征" }, { "敍", "叙" }, { "淨", "净" }, { "爲", "为" },
		{ "甕", "瓮" }, { "稜", "棱" }, { "羣", "群" }, { "臥", "卧" },
		{ "藴", "蕴" }, { "衞", "卫" }, { "裏", "里" }, { "裡", "里" },
		{ "遊", "游" }, { "託", "托" }, { "鹼", "碱" },
	};
	struct arena	 a;
	char		 buf[64];
	uint32_t	 t, s;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		org_simplify(pairs[i][0], 3, buf);
		assert_string_equal(buf, pairs[i][1]);
		assert_int_equal(utf8_decode(pairs[i][0], 3, &t), 3);
		assert_int_equal(utf8_decode(pairs[i][1], 3, &s), 3);
		assert_int_equal(fold_cp(t), s);
	}
	/* not Unihan's forms of the 1986 list */
	assert_int_not_equal(fold_cp(0x8A17), 0x8BAC);	/* 託 讬 */
	assert_int_not_equal(fold_cp(0x9E7C), 0x7877);	/* 鹼 硷 */
	memset(&a, 0, sizeof(a));
	assert_string_equal(org_key(&a, "北京市衞生健康委員會"),
	    "北京市卫生健康委员会");
	org_simplify("委託管理", strlen("委託管理"), buf);
	assert_string_equal(buf, "委托管理");
	arena_free(&a);
}

/* The full name of an issuer in a year, by the dated renamings of
 * data/org-aliases.tsv (2013 卫生计生委 made by merger, 2018 renamed
 * 卫生健康委: nationally that year, locally from 2019). */
static void
test_org_full_name(void **state)
{
	static const struct {
		const char	*name;
		int		 year;
		const char	*place;
		const char	*want;		/* NULL: no full name */
	} cases[] = {
		{ "市卫生计生委", 2017, "北京市", "北京市卫生和计划生育委员会" },
		{ "市卫生计生委", 2019, "北京市", "北京市卫生健康委员会" },
		{ "市卫生计生委", 2018, "北京市", "北京市卫生和计划生育委员会" },
		{ "市卫生健康委员会", 2016, "北京市",
		    "北京市卫生和计划生育委员会" },
		{ "区卫生计生委", 2016, "海淀区", "海淀区卫生和计划生育委员会" },
		{ "区卫健委", 2022, "海淀区", "海淀区卫生健康委员会" },
		{ "湖州卫健委", 2017, NULL, "湖州市卫生和计划生育委员会" },
		{ "湖州卫健委", 0, NULL, "湖州市卫生健康委员会" },
		{ "國家衛健委", 2017, NULL, "国家卫生和计划生育委员会" },
		{ "国家卫生计生委", 2018, NULL, "国家卫生健康委员会" },
		{ "昌平区卫生局", 2012, NULL, "昌平区卫生局" },
		{ "中共湖州市卫生健康委员会委员会", 2022, NULL,
		    "中共湖州市卫生健康委员会委员会" },
		{ "昌平区人口计生委", 2012, NULL, "昌平区人口和计划生育委员会" },
		{ "青阳县卫生健康委员会", 2023, NULL, "青阳县卫生健康委员会" },
		{ "市政府", 2020, "北京市", "北京市人民政府" },
		/* Before the merger that made it, the body was not. */
		{ "湖州市卫生健康委员会", 2010, NULL, NULL },
		/* A level alone needs a place of that level. */
		{ "市卫生计生委", 2017, NULL, NULL },
		{ "区卫生计生委", 2017, "北京市", NULL },
		/* A place alone is no body. */
		{ "昌平区", 2017, NULL, NULL },
	};
	struct arena	 a;
	const char	*got;
	size_t		 i;

	(void)state;
	memset(&a, 0, sizeof(a));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = org_full_name(&a, cases[i].name, cases[i].year,
		    cases[i].place);
		if (cases[i].want == NULL && got != NULL)
			fail_msg("%s %d: %s, want none", cases[i].name,
			    cases[i].year, got);
		if (cases[i].want != NULL && (got == NULL ||
		    strcmp(got, cases[i].want) != 0))
			fail_msg("%s %d: %s, want %s", cases[i].name,
			    cases[i].year, got ? got : "(none)",
			    cases[i].want);
	}
	arena_free(&a);
}

/* Year, kind and title rules on short documents. */
static void
test_year_kind(void **state)
{
	struct doc	*doc;

	(void)state;
	doc = parse_as("a.txt", "健康某某行动实施方案(2020-2030年)\n"
	    "一、总体要求\n到2030年，主要健康指标达到全省前列。\n", 0);
	assert_string_equal(doc->kind, "实施方案");
	assert_int_equal(doc->year, 2020);
	assert_int_equal(doc->year_end, 2030);
	doc_free(doc);
	doc = parse_as("b.txt", "三明市农业农村局2022年工作总结和2023年工作"
	    "思路\n一、2022年工作进展\n1.粮食生产稳定。全年完成任务。\n"
	    "2.农民收入增长。全年增长6%。\n二、2023年工作思路\n"
	    "1.继续抓好粮食生产。\n2.促进农民增收。\n", 0);
	assert_string_equal(doc->kind, "工作总结+工作思路");
	assert_int_equal(doc->year, 2022);
	assert_string_equal(doc->org, "三明市农业农村局");
	assert_int_equal(doc->nparts, 2);
	assert_int_equal(doc->parts[1].year, 2023);
	assert_non_null(doc->parts[1].section);
	assert_string_equal(doc->parts[1].section, "二");
	doc_free(doc);
	doc = parse_as("c.txt", "关于加强基层医疗服务的意见（征求意见稿）\n"
	    "一、总体要求\n各单位要认真落实，确保完成。\n", 0);
	assert_string_equal(doc->kind, "意见");
	doc_free(doc);
	/* A plan without a year signed in December is for the next year. */
	doc = parse_as("d.txt", "关于印发卫生健康工作要点的通知\n"
	    "各科室：\n现将《卫生健康工作要点》印发给你们，请认真贯彻执行。\n"
	    "昌平区卫生健康委员会\n2023年12月20日\n卫生健康工作要点\n"
	    "一、总体要求\n各单位要认真落实，确保完成。\n", 0);
	assert_string_equal(doc->title, "卫生健康工作要点");
	assert_string_equal(doc->org, "昌平区卫生健康委员会");
	assert_int_equal(doc->year, 2024);
	doc_free(doc);
}

/* The reader's order of organisations and kinds: national bodies,
 * then by level and GB/T 2260 code, then names without a place, each
 * tie in pinyin order; never code-point order. */
static void
test_reader_order(void **state)
{
	static const char *const want[] = {
		"国家卫生健康委员会",		/* national */
		"北京市卫生健康委员会",		/* province 110000 */
		"长治市卫生健康委员会",		/* prefecture 140400 */
		"东城区卫生健康委员会",		/* county 110101 */
		"西城区卫生健康委员会",		/* 110102 */
		"海淀区卫生健康委员会",		/* 110108 */
		"昌平区卫生健康委员会",		/* 110114 */
		"区卫生健康委员会",		/* no place: pinyin, qu */
		"市卫生健康委员会",		/* shi */
	};
	static const char *const kinds[] = {
		"工作计划", "工作要点", "工作总结", "会议", "完成情况",
		"意见", "总结",
	};
	size_t	 i, j;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		for (j = 0; j < sizeof(want) / sizeof(want[0]); j++) {
			int c = reader_cmp(want[i], want[j]);

			if (i < j)
				assert_true(c < 0);
			else if (i > j)
				assert_true(c > 0);
			else
				assert_int_equal(c, 0);
		}
	for (i = 0; i + 1 < sizeof(kinds) / sizeof(kinds[0]); i++)
		assert_true(reader_cmp(kinds[i], kinds[i + 1]) < 0);
	/* Pinyin, not code point: 安 (an, U+5B89) before 北 (bei, U+5317). */
	assert_true(reader_cmp("安全", "北方") < 0);
	assert_true(reader_cmp("北方", "安全") > 0);
	/* A prefix first; non-Han text before Han. */
	assert_true(reader_cmp("卫生", "卫生局") < 0);
	assert_true(reader_cmp("2024", "安全") < 0);
}

/* One rule tells a plan from a report (the site pairs them by it). */
static void
test_kind_plan_report(void **state)
{
	static const char *const plans[] = { "工作要点", "工作计划", "实施方案",
	    "工作思路", "工作安排", "行动计划", NULL };
	static const char *const reports[] = { "完成情况", "工作总结",
	    "工作报告", "执行情况", "情况报告", "工作汇报", NULL };
	static const char *const neither[] = { "通知", "实施意见", "管理办法",
	    "决定", "", NULL };
	size_t	 i;

	(void)state;
	for (i = 0; plans[i] != NULL; i++) {
		assert_true(kind_is_plan(plans[i]));
		assert_false(kind_is_report(plans[i]));
	}
	for (i = 0; reports[i] != NULL; i++) {
		assert_true(kind_is_report(reports[i]));
		assert_false(kind_is_plan(reports[i]));
	}
	for (i = 0; neither[i] != NULL; i++) {
		assert_false(kind_is_plan(neither[i]));
		assert_false(kind_is_report(neither[i]));
	}
	assert_false(kind_is_plan(NULL));
	assert_false(kind_is_report(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_title_then_paragraph),
		cmocka_unit_test(test_wrapped_report),
		cmocka_unit_test(test_org_grammar),
		cmocka_unit_test(test_kind_plan_report),
		cmocka_unit_test(test_org_key),
		cmocka_unit_test(test_fold_chosen),
		cmocka_unit_test(test_org_full_name),
		cmocka_unit_test(test_year_kind),
		cmocka_unit_test(test_reader_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_lexicon.c — the conventions of lexicon.c that both front ends
 * share (docs/parsing.md): annotations, heading styles, the title of a
 * heading that runs on, attachments, tables of contents.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "parse/parse_int.h"

/* note_annotation() on a C string. */
static int
note(const char *s)
{
	return note_annotation(s, strlen(s));
}

static void
test_annotations(void **state)
{
	(void)state;
	/* A programme and its number. */
	assert_int_equal(note("办实事项目25"), NOTE_MAX);
	assert_int_equal(note("区政府折子工程68"), NOTE_MAX);
	/* Who does the work: longer notes allowed. */
	assert_int_equal(note("牵头单位：医政科"), NOTE_MAX_DUTY);
	assert_int_equal(note("健康中国行动推进办负责"), NOTE_MAX_DUTY);
	assert_int_equal(note("国家卫生健康委牵头,市场监管总局参与"),
	    NOTE_MAX_DUTY);
	/* A short label and its value. */
	assert_int_equal(note("口径：按年"), NOTE_MAX);
	assert_int_equal(note("完成时限:6月底"), NOTE_MAX);
	/* Not annotations: a person, an aside, a year range, a sentence
	 * with a colon late in it, a label with nothing after it. */
	assert_int_equal(note("一般为SIG负责人"), 0);
	assert_int_equal(note("含村卫生室"), 0);
	assert_int_equal(note("2020-2030年"), 0);
	assert_int_equal(note("本列数据的勾稽关系为:第一项加第二项"), 0);
	assert_int_equal(note("口径："), 0);
	assert_int_equal(note(""), 0);
}

/* The family of a tag is the programme before its trailing number; the
 * copy in print.c cut at the first digit (2024年民生实事3 → the whole
 * tag, as its family was empty). */
static size_t
fam(const char *s)
{
	return tag_family_len(s, strlen(s));
}

static void
test_tag_family(void **state)
{
	(void)state;
	assert_int_equal(fam("办实事项目25"), strlen("办实事项目"));
	assert_int_equal(fam("办实事项目 25"), strlen("办实事项目"));
	assert_int_equal(fam("2024年民生实事3"), strlen("2024年民生实事"));
	assert_int_equal(fam("区政府折子工程"), strlen("区政府折子工程"));
	assert_int_equal(fam("25"), 2);
	assert_int_equal(fam(""), 0);
}

static void
test_heading_styles(void **state)
{
	struct marker	 m;

	(void)state;
	assert_true(marker_parse("一、总体要求", strlen("一、总体要求"), &m));
	assert_true(marker_heading_style(&m));
	assert_true(marker_parse("(一)项目概况", strlen("(一)项目概况"), &m));
	assert_true(marker_heading_style(&m));
	assert_true(marker_parse("第一部分 单位概况",
	    strlen("第一部分 单位概况"), &m));
	assert_true(marker_heading_style(&m));
	assert_true(marker_parse("1.推进", strlen("1.推进"), &m));
	assert_false(marker_heading_style(&m));
	assert_true(marker_parse("（1）推进", strlen("（1）推进"), &m));
	assert_false(marker_heading_style(&m));
	assert_true(marker_parse("第一条 为", strlen("第一条 为"), &m));
	assert_false(marker_heading_style(&m));
}

static void
test_heading_title(void **state)
{
	const char	*s;
	int		 nostop;

	(void)state;
	s = "指导思想";
	assert_int_equal(heading_title(s, strlen(s), &nostop), strlen(s));
	assert_false(nostop);
	s = "加强组织领导。各区要建立工作机制。";
	assert_int_equal(heading_title(s, strlen(s), &nostop),
	    strlen("加强组织领导。"));
	assert_false(nostop);
	s = "加强宣传引导：各区要采取群众喜闻乐见的方式开展宣传，营造良好氛围，"
	    "推动工作落实。";
	assert_int_equal(heading_title(s, strlen(s), &nostop),
	    strlen("加强宣传引导"));
	/* One sentence: all of it, no warning. */
	s = "全面实施个人所得税申报信用承诺制，税务部门在各类表单中设立格式规范、"
	    "标准统一的信用承诺书。";
	assert_int_equal(heading_title(s, strlen(s), &nostop), strlen(s));
	assert_false(nostop);
	/* No stop at all and longer than a heading: the warning. */
	s = "总体要求以习近平新时代中国特色社会主义思想为指导全面贯彻落实党的"
	    "二十大精神把人民健康放在优先发展的战略位置推动高质量发展";
	assert_int_equal(heading_title(s, strlen(s), &nostop), strlen(s));
	assert_true(nostop);
}

static void
test_attachments(void **state)
{
	(void)state;
	assert_int_equal(attachment_line("附件1", strlen("附件1")), ATT_HEAD);
	assert_int_equal(attachment_line("附件 2", strlen("附件 2")),
	    ATT_HEAD);
	assert_int_equal(attachment_line("附件", strlen("附件")), ATT_HEAD);
	assert_int_equal(attachment_line("附件二：任务分工表",
	    strlen("附件二：任务分工表")), ATT_HEAD);
	assert_int_equal(attachment_line("附表1", strlen("附表1")), ATT_HEAD);
	assert_int_equal(attachment_line("附件：1.质量监测指标体系",
	    strlen("附件：1.质量监测指标体系")), ATT_LIST);
	assert_int_equal(attachment_line("附件：", strlen("附件：")),
	    ATT_LIST);
	/* Words that start with 附件 in a sentence are not. */
	assert_int_equal(attachment_line("附件资料显示，全年完成任务。",
	    strlen("附件资料显示，全年完成任务。")), ATT_NONE);
	assert_int_equal(attachment_line("附近", strlen("附近")), ATT_NONE);
}

static void
test_toc(void **state)
{
	const char	*s;

	(void)state;
	assert_true(toc_heading("目录", strlen("目录")));
	assert_true(toc_heading("目　录", strlen("目　录")));
	assert_true(toc_heading(" 目 录 ", strlen(" 目 录 ")));
	assert_false(toc_heading("目录一", strlen("目录一")));
	assert_false(toc_heading("政府信息公开目录",
	    strlen("政府信息公开目录")));
	s = "一、主要职责……3";
	assert_int_equal(toc_entry_len(s, strlen(s)), strlen("一、主要职责"));
	s = "第三部分 名词解释 12";
	assert_int_equal(toc_entry_len(s, strlen(s)),
	    strlen("第三部分 名词解释"));
	s = "一、主要职能";
	assert_int_equal(toc_entry_len(s, strlen(s)), strlen(s));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_annotations),
		cmocka_unit_test(test_tag_family),
		cmocka_unit_test(test_heading_styles),
		cmocka_unit_test(test_heading_title),
		cmocka_unit_test(test_attachments),
		cmocka_unit_test(test_toc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_numeral.c — Chinese numerals, numbering markers and inline
 * enumeration labels (numeral.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "parse/parse_int.h"

/* cn_numeral on a whole string: its value, and that it used it all. */
static int
cn(const char *s)
{
	size_t	 used;
	int	 v;

	v = cn_numeral(s, strlen(s), &used);
	if (v >= 0 && used != strlen(s))
		return -2;
	return v;
}

/* num_value, the one reading of a number's value (anchors, row groups):
 * the copy view.c had lacked 万, full-width digits and ❶ ➀ ➊, and read
 * a run of digits (二〇一五) as its last digit. */
static void
test_num_value(void **state)
{
	(void)state;
	assert_int_equal(num_value("12"), 12);
	assert_int_equal(num_value("007"), 7);
	assert_int_equal(num_value("99999999999"), -1);
	assert_int_equal(num_value("〇"), 0);
	assert_int_equal(num_value("甲"), -1);
	assert_int_equal(num_value("１２"), 12);
	assert_int_equal(num_value("十五"), 15);
	assert_int_equal(num_value("一百零五"), 105);
	assert_int_equal(num_value("一万"), 10000);
	assert_int_equal(num_value("二万三千"), 23000);
	assert_int_equal(num_value("二〇一五"), 2015);
	assert_int_equal(num_value("①"), 1);
	assert_int_equal(num_value("㉑"), 21);
	assert_int_equal(num_value("❶"), 1);
	assert_int_equal(num_value("⑴"), 1);
	assert_int_equal(num_value("⒛"), 20);
	assert_int_equal(num_value("十一二"), -1);
	/* 两 is a numeral only before a unit (cn_numeral): 两票制 */
	assert_int_equal(num_value("两"), -1);
	assert_int_equal(num_value("12a"), -1);
	assert_int_equal(num_value("①②"), -1);
	assert_int_equal(num_value(""), -1);
	assert_int_equal(num_value(NULL), -1);
}

static void
test_cn_numeral_values(void **state)
{
	(void)state;
	assert_int_equal(cn("〇"), 0);
	assert_int_equal(cn("零"), 0);
	assert_int_equal(cn("一"), 1);
	assert_int_equal(cn("九"), 9);
	assert_int_equal(cn("十"), 10);
	assert_int_equal(cn("十一"), 11);
	assert_int_equal(cn("十九"), 19);
	assert_int_equal(cn("二十"), 20);
	assert_int_equal(cn("二十一"), 21);
	assert_int_equal(cn("四十七"), 47);
	assert_int_equal(cn("九十九"), 99);
	assert_int_equal(cn("一百"), 100);
	assert_int_equal(cn("一百零五"), 105);
	assert_int_equal(cn("一百一十"), 110);
	assert_int_equal(cn("一百二十三"), 123);
	assert_int_equal(cn("二百"), 200);
	assert_int_equal(cn("两百"), 200);
	assert_int_equal(cn("九百九十九"), 999);
	assert_int_equal(cn("一千"), 1000);
	assert_int_equal(cn("一千零一"), 1001);
	assert_int_equal(cn("一千零十"), 1010);
	assert_int_equal(cn("三千二百"), 3200);
	assert_int_equal(cn("一万二千"), 12000);
	assert_int_equal(cn("二〇一五"), 2015);
}

static void
test_cn_numeral_prefix(void **state)
{
	size_t	 used;

	(void)state;
	/* Reads the numeral and stops at what follows. */
	assert_int_equal(cn_numeral("三是凝心聚力", strlen("三是凝心聚力"),
	    &used), 3);
	assert_int_equal(used, strlen("三"));
	assert_int_equal(cn_numeral("十五、", strlen("十五、"), &used), 15);
	assert_int_equal(used, strlen("十五"));
	/* Two digits after a unit: the second starts something else. */
	assert_int_equal(cn_numeral("十一二", strlen("十一二"), &used), 11);
	assert_int_equal(used, strlen("十一"));
	/* Not numerals. */
	assert_int_equal(cn_numeral("保持", strlen("保持"), &used), -1);
	assert_int_equal(cn_numeral("两票制", strlen("两票制"), &used), -1);
	assert_int_equal(cn_numeral("", 0, &used), -1);
	assert_int_equal(cn_numeral("1", 1, &used), -1);
}

/* marker_parse on s: style, value and label. */
static void
expect_marker(const char *s, enum mstyle style, int value, const char *label)
{
	struct marker	 m;
	size_t		 n;

	n = marker_parse(s, strlen(s), &m);
	if (style == M_NONE) {
		assert_int_equal(n, 0);
		assert_int_equal(m.style, M_NONE);
		return;
	}
	assert_int_not_equal(n, 0);
	assert_int_equal(m.style, style);
	assert_int_equal(m.value, value);
	assert_int_equal(m.lablen, strlen(label));
	assert_memory_equal(s + m.labstart, label, m.lablen);
	assert_int_equal(n, m.len);
}

static void
test_marker_styles(void **state)
{
	(void)state;
	expect_marker("一、保持新农合参合率", M_CN_DUN, 1, "一、");
	expect_marker("十、积极推进", M_CN_DUN, 10, "十、");
	expect_marker("二十、京津冀", M_CN_DUN, 20, "二十、");
	expect_marker("三．加强", M_CN_DUN, 3, "三．");
	expect_marker("（一）着力提高", M_CN_PAREN, 1, "（一）");
	expect_marker("(二)加强", M_CN_PAREN, 2, "(二)");
	expect_marker("（十二）", M_CN_PAREN, 12, "（十二）");
	expect_marker("1.提高筹资标准", M_AR_DOT, 1, "1.");
	expect_marker("1. 全面提升", M_AR_DOT, 1, "1.");
	expect_marker("85.继续推进", M_AR_DOT, 85, "85.");
	expect_marker("3．制定", M_AR_DOT, 3, "3．");
	expect_marker("１．全角", M_AR_DOT, 1, "１．");
	expect_marker("57、发挥计划生育协会", M_AR_DUN, 57, "57、");
	expect_marker("（1）根据", M_AR_PAREN, 1, "（1）");
	expect_marker("(3)为方便", M_AR_PAREN, 3, "(3)");
	expect_marker("⑴ 说明", M_AR_PAREN, 1, "⑴");
	expect_marker("2)其次", M_AR_RPAREN, 2, "2)");
	expect_marker("①加强", M_CIRCLED, 1, "①");
	expect_marker("⑳完成", M_CIRCLED, 20, "⑳");
	expect_marker("第一章 总则", M_CHAPTER, 1, "第一章");
	expect_marker("第十二章", M_CHAPTER, 12, "第十二章");
	expect_marker("第二节 任务", M_SECTION, 2, "第二节");
	expect_marker("第一条 为了", M_ARTICLE, 1, "第一条");
	expect_marker("第一百零五条 附则", M_ARTICLE, 105, "第一百零五条");
	expect_marker("第三部分 保障", M_PART, 3, "第三部分");
	expect_marker("第一，坚持", M_ORDINAL, 1, "第一，");
	expect_marker("亮点一：党建统领", M_LEAD, 1, "亮点一：");
	expect_marker("亮点五：守正创新", M_LEAD, 5, "亮点五：");
	expect_marker("附件2：名单", M_LEAD, 2, "附件2：");
	expect_marker("12", M_AR_BARE, 12, "12");
	expect_marker(" 8 持续推进“北京通”建设。", M_AR_BARE, 8, "8");
	expect_marker("2 支持中医药振兴发展。", M_AR_BARE, 2, "2");
}

static void
test_marker_negative(void **state)
{
	(void)state;
	expect_marker("2015年全区卫生计生工作", M_NONE, 0, "");
	expect_marker("2015年昌平区", M_NONE, 0, "");
	expect_marker("2.5倍", M_NONE, 0, "");
	expect_marker("2.5", M_NONE, 0, "");
	expect_marker("1.2017年6月8日", M_NONE, 0, "");
	expect_marker("2023 年，昌平区", M_NONE, 0, "");
	expect_marker("100 %", M_NONE, 0, "");
	expect_marker("2025", M_NONE, 0, "");
	expect_marker("3个社区", M_NONE, 0, "");
	expect_marker("一是落实", M_NONE, 0, "");
	expect_marker("一要坚持", M_NONE, 0, "");
	expect_marker("第一时间开展", M_NONE, 0, "");
	expect_marker("第一人民医院", M_NONE, 0, "");
	expect_marker("统一、规范", M_NONE, 0, "");
	expect_marker("二、三级医院", M_NONE, 0, "");
	expect_marker("一、三农工作", M_CN_DUN, 1, "一、");
	expect_marker("一体化管理", M_NONE, 0, "");
	expect_marker("两票制", M_NONE, 0, "");
	expect_marker("（办实事项目25）", M_NONE, 0, "");
	expect_marker("（PITC）", M_NONE, 0, "");
	expect_marker("本报讯 国家卫生健康委", M_NONE, 0, "");
	expect_marker("通过三年努力", M_NONE, 0, "");
	expect_marker("", M_NONE, 0, "");
	expect_marker("（0）", M_NONE, 0, "");
}

static void
test_marker_fields(void **state)
{
	struct marker	 m;
	const char	*s = "  （十一）组织实施";

	(void)state;
	assert_int_equal(marker_parse(s, strlen(s), &m), strlen("  （十一）"));
	assert_int_equal(m.labstart, 2);
	assert_int_equal(m.numlen, strlen("十一"));
	assert_memory_equal(m.num, "十一", m.numlen);
	assert_true(m.cn);
	assert_int_equal(m.delim, 0xFF08);
	s = "亮点三：“四名”建设";
	assert_int_not_equal(marker_parse(s, strlen(s), &m), 0);
	assert_int_equal(m.leadlen, strlen("亮点"));
	assert_memory_equal(m.lead, "亮点", m.leadlen);
	s = "1. 全面提升";
	assert_int_equal(marker_parse(s, strlen(s), &m), strlen("1. "));
	assert_int_equal(m.delim, '.');
	assert_false(m.cn);
}

static void
test_marker_same_level(void **state)
{
	struct marker	 a, b;

	(void)state;
	marker_parse("56.鼓励", strlen("56.鼓励"), &a);
	marker_parse("57、发挥", strlen("57、发挥"), &b);
	assert_true(marker_same_level(&a, &b));
	assert_int_not_equal(a.delim, b.delim);
	marker_parse("（1）根据", strlen("（1）根据"), &b);
	assert_false(marker_same_level(&a, &b));
	marker_parse("（一）着力", strlen("（一）着力"), &a);
	marker_parse("(二)加强", strlen("(二)加强"), &b);
	assert_true(marker_same_level(&a, &b));
	marker_parse("亮点一：党建", strlen("亮点一：党建"), &a);
	marker_parse("亮点二：多管", strlen("亮点二：多管"), &b);
	assert_true(marker_same_level(&a, &b));
	marker_parse("附件一：名单", strlen("附件一：名单"), &b);
	assert_false(marker_same_level(&a, &b));
	marker_parse("一、保持", strlen("一、保持"), &a);
	marker_parse("（一）着力", strlen("（一）着力"), &b);
	assert_false(marker_same_level(&a, &b));
}

static void
test_enum_parse(void **state)
{
	struct marker	 m;
	const char	*s;

	(void)state;
	s = "一是肯定成绩";
	assert_int_equal(enum_parse(s, strlen(s), &m), strlen("一是"));
	assert_int_equal(m.style, M_ENUM);
	assert_int_equal(m.value, 1);
	s = "十是探索多部门协作";
	assert_int_equal(enum_parse(s, strlen(s), &m), strlen("十是"));
	assert_int_equal(m.value, 10);
	s = "二要加强";
	assert_int_equal(enum_parse(s, strlen(s), &m), strlen("二要"));
	assert_int_equal(m.value, 2);
	s = "第三，";
	assert_int_equal(enum_parse(s, strlen(s), &m), strlen("第三，"));
	assert_int_equal(m.lablen, strlen("第三"));
	assert_int_equal(m.style, M_ORDINAL);
	assert_int_equal(m.value, 3);
	s = "第一时间";
	assert_int_equal(enum_parse(s, strlen(s), &m), 0);
	s = "一审工作流程";
	assert_int_equal(enum_parse(s, strlen(s), &m), 0);
	s = "是";
	assert_int_equal(enum_parse(s, strlen(s), &m), 0);
	/* marker_parse never returns M_ENUM. */
	s = "一是落实";
	assert_int_equal(marker_parse(s, strlen(s), &m), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cn_numeral_values),
		cmocka_unit_test(test_cn_numeral_prefix),
		cmocka_unit_test(test_marker_styles),
		cmocka_unit_test(test_marker_negative),
		cmocka_unit_test(test_marker_fields),
		cmocka_unit_test(test_marker_same_level),
		cmocka_unit_test(test_enum_parse),
		cmocka_unit_test(test_num_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_figures.c — key figures of a text (figures.c, the tables of
 * lexicon.c; docs/figures.md): values, units, comparators, subjects,
 * and what is not a figure.
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

/* The figures of s, in doc's arena (*n of them; free() the array). */
static struct figure *
scan(struct doc *doc, const char *s, size_t *n)
{
	struct figure	*v = NULL;
	size_t		 cap = 0;

	*n = 0;
	figures_scan(doc, s, strlen(s), &v, n, &cap);
	return v;
}

/* Assert that s has exactly one figure: value, unit, comparator and
 * subject as given, and its number num (to num2). */
static void
one(const char *s, const char *value, const char *unit, const char *cmp,
    const char *subject, double num, double num2)
{
	struct doc	*doc = doc_new("t.txt");
	struct figure	*v;
	size_t		 n;

	v = scan(doc, s, &n);
	if (n != 1)
		fail_msg("%s: %zu figures", s, n);
	assert_string_equal(v[0].value, value);
	assert_string_equal(v[0].unit, unit);
	assert_string_equal(v[0].cmp, cmp);
	assert_string_equal(v[0].subject, subject);
	assert_true(v[0].num == num);
	assert_true(v[0].num2 == num2);
	free(v);
	doc_free(doc);
}

/* Assert that s has no figure. */
static void
none(const char *s)
{
	struct doc	*doc = doc_new("t.txt");
	struct figure	*v;
	size_t		 n;

	v = scan(doc, s, &n);
	if (n != 0)
		fail_msg("%s: %zu figures, the first %s", s, n, v[0].value);
	free(v);
	doc_free(doc);
}

static void
test_targets(void **state)
{
	(void)state;
	one("家庭医生签约覆盖率达到90%。", "90%", "%", "≥",
	    "家庭医生签约覆盖率", 90, 90);
	one("户籍人口信息覆盖率98%以上。", "98%以上", "%", "≥",
	    "户籍人口信息覆盖率", 98, 98);
	one("门诊次均费用不低于1200元。", "不低于1200元", "元", "≥",
	    "门诊次均费用", 1200, 1200);
	one("全区户籍人口出生数保持在10000人以内。", "10000人以内", "人",
	    "≤", "全区户籍人口出生数", 10000, 10000);
	one("孕产妇死亡率控制在10/10万以内，", "10/10万以内", "/10万", "≤",
	    "孕产妇死亡率", 10, 10);
	one("到2025年，居民健康素养水平提高到30%。", "30%", "%", "≥",
	    "居民健康素养水平", 30, 30);
}

static void
test_counts(void **state)
{
	(void)state;
	one("成立3-5个区级医疗质量控制和改进中心。", "3-5个", "个", "range",
	    "区级医疗质量控制和改进中心", 3, 5);
	one("服务10万人次。", "10万人次", "人次", "=", "服务", 100000,
	    100000);
	one("新建院区床位500张。", "500张", "张", "=", "新建院区床位", 500,
	    500);
	one("新建三个社区卫生服务站。", "三个", "个", "=", "社区卫生服务站",
	    3, 3);
	one("培训两万名基层医生。", "两万名", "名", "=", "基层医生", 20000,
	    20000);
	one("给予一次性1万元以内的诊疗费救助。", "1万元以内", "元", "≤",
	    "诊疗费救助", 10000, 10000);
	one("投入资金1.5亿元。", "1.5亿元", "元", "=", "投入资金",
	    150000000, 150000000);
	one("为35-64岁妇女进行两癌筛查。", "35-64岁", "岁", "range",
	    "妇女年龄", 35, 64);
	one("重点扶持100个左右具有发展前景的创业项目。", "100个左右", "个",
	    "≈", "具有发展前景的创业项目", 100, 100);
	one("协议有效期可为1年、2年或3年。", "1年、2年或3年", "年", "list",
	    "协议有效期", 1, 3);
	one("处方用药量最长放宽至3个月。", "3个月", "个月", "=",
	    "处方用药量", 3, 3);
	one("专家不少于100名。", "不少于100名", "名", "≥", "专家", 100, 100);
	one("百分之九十的村卫生室。", "百分之九十", "%", "=", "村卫生室",
	    90, 90);
}

static void
test_two(void **state)
{
	struct doc	*doc = doc_new("t.txt");
	struct figure	*v;
	size_t		 n;

	(void)state;
	v = scan(doc, "对5万大学新生和17个村（社区）进行结核病筛查。", &n);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].value, "5万");
	assert_string_equal(v[0].unit, "");
	assert_string_equal(v[0].subject, "大学新生");
	assert_string_equal(v[1].value, "17个");
	assert_string_equal(v[1].subject, "村（社区）");
	assert_string_equal(v[1].sentence,
	    "对5万大学新生和17个村（社区）进行结核病筛查。");
	free(v);
	v = scan(doc, "人口信息覆盖率98%以上、准确率95%以上。", &n);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].subject, "人口信息覆盖率");
	assert_string_equal(v[1].subject, "准确率");
	free(v);
	doc_free(doc);
}

/* Subjects issue 21 found poor (我区, 标准, 居民免费): a count right
 * before an age counts the noun after the age, and the age is theirs
 * (居民年龄: 3-6岁儿童 is not a count of children); 免费 ends a subject
 * read after its figure; a head too general alone (工程 政策 标准
 * 项目) takes the phrase before the number, a list's 、 and all. */
static void
test_subjects(void **state)
{
	struct doc	*doc = doc_new("t.txt");
	struct figure	*v;
	size_t		 n;

	(void)state;
	v = scan(doc, "为我区2000名40周岁及以上居民免费进行脑卒中危险因素评估。",
	    &n);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].value, "2000名");
	assert_string_equal(v[0].subject, "居民");
	assert_string_equal(v[1].value, "40周岁及以上");
	assert_string_equal(v[1].subject, "居民年龄");
	free(v);
	v = scan(doc, "对24.8万名20-64岁女性进行HPV免费检测。", &n);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].subject, "女性");
	assert_string_equal(v[1].subject, "女性年龄");
	free(v);
	doc_free(doc);
	one("为8000名适龄中小学生免费提供窝沟封闭服务。", "8000名", "名",
	    "=", "适龄中小学生", 8000, 8000);
	one("为65岁及以上老年人免费提供健康体检。", "65岁及以上", "岁", "≥",
	    "老年人年龄", 65, 65);
	/* An age before a long phrase: the phrase, which names more. */
	one("做好5岁以下儿童生命监测工作。", "5岁以下", "岁", "≤",
	    "儿童生命监测工作", 5, 5);
	one("按照每人600元标准，发放住院分娩补助。", "600元", "元", "=",
	    "每人标准", 600, 600);
	one("继续落实社区卫生服务中心机构绩效工资上浮 20%政策。", "20%",
	    "%", "=", "落实社区卫生服务中心机构绩效工资上浮政策", 20, 20);
	one("推进区医学重点学科、重点扶持专科、名中医传承工作室三项工程。",
	    "三项", "项", "=", "重点扶持专科、名中医传承工作室工程", 3, 3);
	one("实施“人才引进”和“人才培养”两项工程。", "两项", "项", "=",
	    "“人才引进”和“人才培养”工程", 2, 2);
	one("负责新生儿筛查、严重精神障碍患者服药等四个项目。", "四个",
	    "个", "=", "新生儿筛查、严重精神障碍患者服药项目", 4, 4);
	/* A head with words of its own is the subject as before. */
	one("做好三项技术服务工作。", "三项", "项", "=", "技术服务工作", 3,
	    3);
	/* No phrase before: the head alone; a head read before its
	 * figure is the subject as it was. */
	one("三项工程。", "三项", "项", "=", "工程", 3, 3);
	one("推进项目10个。", "10个", "个", "=", "推进项目", 10, 10);
}

static void
test_not_figures(void **state)
{
	(void)state;
	none("2015年底前完成规划制定工作。");
	none("制定2018-2020年分年度计划。");
	none("5年内完成。");
	none("利用3-5年时间建成。");
	none("（办实事项目25）");
	none("穗府办函〔2020〕16号");
	none("购买Windows 2008 server和Windows 7 专业版。");
	none("加强“重点工作5张报表”督查。");
	none("实施六大人才行动计划，推进“百人计划”和千人计划。");
	none("进一步做好一次性告知，成熟一个发展一个。");
	none("第3个年度");
	none("推进5G网络建设。");
	none("6月底前完成。");
}

static void
test_doc(void **state)
{
	struct doc	*doc = doc_new("t.txt");
	struct node	*list, *it, *in, *p;

	(void)state;
	doc->root = node_new(doc, NODE_ROOT, 1);
	p = node_append(doc->root, node_new(doc, NODE_PARAGRAPH, 1));
	p->text = "全年完成10项。";
	list = node_append(doc->root, node_new(doc, NODE_LIST, 2));
	it = node_append(list, node_new(doc, NODE_ITEM, 2));
	it->text = "新增托育机构2所以上。一是新建1所。";
	list = node_append(it, node_new(doc, NODE_LIST, 2));
	list->style = LIST_INLINE;
	in = node_append(list, node_new(doc, NODE_ITEM, 2));
	in->text = "新建1所。";
	figures_doc(doc);
	/* The sub-point's figure is its item's: counted once. */
	assert_int_equal(doc->nfigs, 3);
	assert_ptr_equal(doc->figs[0].node, p);
	assert_ptr_equal(doc->figs[1].node, it);
	assert_ptr_equal(doc->figs[2].node, it);
	assert_string_equal(doc->figs[1].cmp, "≥");
	doc_free(doc);
}

/* The indicator of subject, in a static buffer. */
static const char *
ind(const char *subject)
{
	static struct buf	 b;

	figure_indicator(subject, &b);
	return buf_cstr(&b) ? buf_cstr(&b) : "";
}

static void
test_same_indicator(void **state)
{
	struct figure	 a, b;

	(void)state;
	assert_string_equal(ind("2015年符合政策生育率"), "符合政策生育率");
	assert_string_equal(ind("酒店（住宿）量化分级A级率"), "酒店量化分级级率");
	assert_string_equal(ind("在全区安装避孕套自助发放机"),
	    "全区安装避孕套自助发放机");
	assert_string_equal(ind(""), "");
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.unit = b.unit = "%";
	a.subject = "家庭医生签约率";
	b.subject = "2024年家庭医生签约率";
	assert_true(figure_same(&a, &b));
	b.subject = "重点人群签约率";
	assert_false(figure_same(&a, &b));
	b.subject = "家庭医生签约率";
	b.unit = "个";
	assert_false(figure_same(&a, &b));
	a.subject = b.subject = "";
	a.unit = "个";
	assert_false(figure_same(&a, &b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_two),
		cmocka_unit_test(test_subjects),
		cmocka_unit_test(test_not_figures),
		cmocka_unit_test(test_doc),
		cmocka_unit_test(test_same_indicator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

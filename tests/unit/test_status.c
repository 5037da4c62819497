/*
 * test_status.c — status_read() (gen/parse/status.c): what a report's
 * words say became of a plan item; and its figures on the hand labels
 * of tests/labels/matches.tsv and statuses.tsv (README there; the
 * report's words of a statuses.tsv label are a span of a text of
 * tests/labels/texts/ or of a document of $SHARED read in place): the
 * share of statuses read right on the held-out part (target 90%, not
 * reached: see FLOOR), and per status against always answering the
 * most common one.  Run from the repository root; STATUS_PART=tune
 * prints the tuning part only (tune with it), STATUS_VERBOSE=1 lists
 * the tuning part's errors, STATUS_DEBUG=m34 prints one label's report
 * text and evidence, STATUS_SINCE=s114 (or s114-s136) also prints the
 * figure of the labels of statuses.tsv from s114 on (to s136) in each
 * part (a batch).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "parse/parse_int.h"
#include "relate/relate.h"

#define TARGET	90	/* per cent of statuses right, held out (issue 21) */
/* Not reached yet: 26 of 38 (68.4%) held out before the rules of
 * branch status (a report in parts, 已 before an act, more words), 27
 * (71.1%) after them, 28 (73.7%) once the labels' line numbers in the
 * 2017 Beijing table were put right (8f44d30).  Branch status21 added
 * statuses.tsv (113 labels, 56 held out) and the rules of figures
 * against the target: 77 of 94 (81.9%) held out, 30/38 of matches.tsv
 * and 47/56 of statuses.tsv, read once at the end.  Branch st23 dropped
 * the press pages' labels (6 held out) and added four batches (30 held
 * out, narrative reports among them): 91 of 118 (77.1%) held out, read
 * once at the end (the rules before it: 83/118; on the 88 labels held
 * out before, 72 both ways).  The floor is what was last measured on
 * the labels as they are: a figure below it is a rule that got worse;
 * it moves with the labels, never above the measure. */
#define FLOOR	77

/* status_read() on C strings; the evidence into ev (a copy). */
static int
st(const char *plan, const char *report, char *ev, size_t evsize)
{
	size_t	 off, len;
	int	 s;

	s = status_read(plan, strlen(plan), report, strlen(report), &off,
	    &len);
	if (ev != NULL) {
		if (len >= evsize)
			len = evsize - 1;
		memcpy(ev, report + off, len);
		ev[len] = '\0';
	}
	return s;
}

/* What the words of a report say, one case a line: the plan item, the
 * report's text, the status read and the evidence (NULL: not checked). */
static const struct {
	const char	*plan, *report;
	int		 want;
	const char	*evidence;
} word_cases[] = {
	/* Nothing said. */
	{ "建设卫生院", "", STATUS_NONE, "" },
	{ "建设卫生院", "为全省3万名患者提供服务。", STATUS_NONE, NULL },
	/* Done, and the sentence that says so. */
	{ "建设卫生院", "项目启动较早。年底全部完成建设任务。", STATUS_DONE,
	    "年底全部完成建设任务。" },
	{ "印发意见", "2017年3月，市政府印发了《意见》。", STATUS_DONE, NULL },
	{ "新增托位", "全年新增托位达到了6250个,完成率100%。", STATUS_DONE,
	    NULL },
	/* Traditional characters. */
	{ "托位", "這些項目均已如期完成", STATUS_DONE, NULL },
	{ "托位", "目前正在有序推進", STATUS_ONGOING, NULL },
	/* Negations before 完成. */
	{ "建设卫生院", "卫生院建设尚未完成。", STATUS_LATE,
	    "卫生院建设尚未完成。" },
	{ "建设", "因征地问题，工程进度滞后。", STATUS_LATE, NULL },
	{ "建设", "主体工程未能完成", STATUS_LATE, NULL },
	/* 基本 before 完成. */
	{ "建设", "土方施工已基本完成。", STATUS_MOSTLY,
	    "土方施工已基本完成。" },
	/* Done with a part waiting: mostly. */
	{ "制定规划", "制定了分工方案；联席会议制度已报市政府审定。",
	    STATUS_MOSTLY, NULL },
	/* Under way. */
	{ "免费接种疫苗", "达到时序进度", STATUS_ONGOING, NULL },
	{ "免费接种疫苗", "制定下发项目实施方案。", STATUS_ONGOING, NULL },
	{ "配置除颤仪1万台", "完成项目方案制定、预算编制。", STATUS_ONGOING,
	    NULL },
	{ "开展筛查", "开展项目工作推进会,已完成342384例筛查", STATUS_ONGOING,
	    NULL },
	/* Issuing a plan is the item done when the item is that plan. */
	{ "制定实施方案", "制定下发项目实施方案。", STATUS_DONE, NULL },
	/* To start something: started is done. */
	{ "启动电子化注册", "在城六区启动电子化注册。", STATUS_DONE, NULL },
	{ "推进医院转型", "启动转岗培训。", STATUS_ONGOING, NULL },
	/* 了 of an act, not 为了. */
	{ "改善出行", "2024年又消除了116座危桥。", STATUS_DONE, NULL },
	{ "改善出行", "为了改善出行条件，建设农村公路。", STATUS_NONE, NULL },
	/* 已 before an act; not 已经, 已于. */
	{ "信息共享", "目前三地信息共享功能已具备。", STATUS_DONE, NULL },
	{ "信息共享", "方案已于3月报送。", STATUS_NONE, NULL },
	{ "建设新院", "新院已投入使用。", STATUS_DONE, NULL },
	{ "建设新院", "工程进展缓慢。", STATUS_LATE, NULL },
	/* A report in parts: done of one, under way or silent of another:
	 * most of it. */
	{ "共享信息；联合演练",
	    "一是开展调研。二是推动平台建设，共享功能已具备。",
	    STATUS_MOSTLY, "二是推动平台建设，共享功能已具备。" },
	{ "建设；培训", "一是建成3家。二是培训已完成。", STATUS_DONE, NULL },
	/* The same words without parts: done. */
	{ "共享信息", "开展调研。推动平台建设，共享功能已具备。", STATUS_DONE,
	    NULL },
	{ "打通断头路12条", "88%(灵溪镇园区六路推进缓慢)", STATUS_LATE, NULL },
	{ "建成敬老院3家", "57%(赤溪、灵溪偏慢)", STATUS_LATE, NULL },
	/* Figures against the plan's: short of the target, under way;
	 * a count that meets it, done (not a running count). */
	{ "实施低保家庭善居工程100户", "已开展入户改造40户。", STATUS_ONGOING,
	    "已开展入户改造40户。" },
	{ "改造农村班线10条", "已完成10条线路改造。", STATUS_DONE, NULL },
	{ "改造农村班线10条", "已完成8条线路改造。", STATUS_ONGOING, NULL },
	/* The plan's figure again, under way: not the target met. */
	{ "新改建污水处理设施27个", "27个项目开工建设中。", STATUS_ONGOING,
	    NULL },
	{ "每个区建立1-3个医联体", "16个区共建设26个医联体。", STATUS_DONE,
	    NULL },
	/* An age says who, not how many: no target. */
	{ "为60岁以上老年人接种疫苗",
	    "为60岁以上老年人接种疫苗，已完成342384例。", STATUS_ONGOING,
	    NULL },
	/* Lower is better: 控制在…以内. */
	{ "失业率控制在4.3%以内", "已实现失业率3.57%。", STATUS_DONE, NULL },
	/* A share of the work below 100%, under way; 100%, done; a rate
	 * of the plan's own met, done. */
	{ "建设幸福院", "开工229个，开工率76.3%。", STATUS_ONGOING, NULL },
	{ "改造公路35公里", "项目完成总体进度的98.42%。", STATUS_ONGOING,
	    NULL },
	{ "检查", "1060 |53.5% ||", STATUS_ONGOING, NULL },
	{ "增加学位", "600 |100% ||", STATUS_DONE, NULL },
	{ "筛查率达到90%", "截至11月，筛查率为99.47%。", STATUS_DONE, NULL },
	/* Not a share: a change, an indicator, a proportion. */
	{ "建立规则", "制定了规则，抽查单位比例达到了总数的50.71%。",
	    STATUS_DONE, NULL },
	{ "降低药品成本", "药品采购成本降低了，平均降幅5.6%。", STATUS_DONE,
	    NULL },
	/* The target met as written outweighs a share short of it. */
	{ "接种疫苗", "第3针完成率为66.57%，均超额完成了既定目标。",
	    STATUS_DONE, NULL },
	/* Money passed down is work under way. */
	{ "建设停车设施", "省级补助资金已全部下达。", STATUS_ONGOING, NULL },
	/* 完成 of a date ahead says nothing done. */
	{ "投保意外伤害保险", "在7月底前能顺利完成投保。", STATUS_NONE, NULL },
	{ "开展演练", "完成模拟演练。", STATUS_DONE, NULL },
	{ "建设", "项目正在施工中。", STATUS_ONGOING, NULL },
	/* The tender done is a first step. */
	{ "改造公园3个", "已完成施工招投标，准备进场施工。", STATUS_ONGOING,
	    NULL },
	/* 已将…提高到: done. */
	{ "提高低保标准", "已将最低标准由2650元提高到3000元以上。", STATUS_DONE,
	    NULL },
	/* The year's target reached as written; not of a date ahead. */
	{ "污水处理", "县以上城镇污水处理达到年度工作目标", STATUS_DONE,
	    "县以上城镇污水处理达到年度工作目标" },
	{ "污水处理", "力争年底实现年度目标", STATUS_NONE, NULL },
	/* On schedule (时序推进, 序时推进), in the tender (招投标中): under
	 * way; a first step done (招投标文件已发布) is not the item done. */
	{ "安装空调970台、新风系统485套",
	    "已经安装空调970台;新风系统在招投标中。 | 按时序推进",
	    STATUS_ONGOING, NULL },
	{ "建设安保系统", "安保系统招投标文件已发布。", STATUS_ONGOING, NULL },
	/* A purpose (为 opening a clause) is a goal, not an act. */
	{ "制定工作要点", "制发了《要点》，为基本建成法治民政提出了路径。",
	    STATUS_DONE, NULL },
	{ "完成年度任务", "为完成全年目标，召开推进会。", STATUS_ONGOING,
	    NULL },
	/* A draft done (after a title too) is a first step. */
	{ "开展专科评选", "完成《考核标准》初稿起草，计划于6月开展评选。",
	    STATUS_ONGOING, NULL },
	/* 开展…建设 ending a clause: building under way. */
	{ "建设服务中心", "两镇试点开展综合救助服务中心建设。",
	    STATUS_ONGOING, NULL },
	{ "建设服务中心", "两镇的服务中心建设。", STATUS_NONE, NULL },
	/* Built; mostly built; approved, its issue awaited. */
	{ "建设新院", "新院9月竣工。", STATUS_DONE, NULL },
	{ "建设新院", "新院主体基本完工。", STATUS_MOSTLY, NULL },
	{ "标准化建设", "乡镇卫生院标准化建设即将全面完成。", STATUS_MOSTLY,
	    NULL },
	{ "印发通知", "常务会议审议通过《通知》，等待正式发文。",
	    STATUS_MOSTLY, NULL },
	/* On schedule (达到时间进度, 顺利推进): under way; behind it:
	 * missed. */
	{ "城镇新增就业(人) | 26000", "19456 | 74.8 | 达到时间进度",
	    STATUS_ONGOING, NULL },
	{ "城镇新增就业", "未达到时间进度", STATUS_LATE, NULL },
	/* Against the target: below it, missed (whatever 完成 says of the
	 * amount); above it, reached. */
	{ "财政收入增长", "完成21.91亿元，同比增长1.3%，低于目标18.7个百分点。",
	    STATUS_LATE, NULL },
	{ "工业增加值增长", "同比增长10.1%，高于目标2.1个百分点。",
	    STATUS_DONE, NULL },
};

/* Where parts start (status_marker()): text, its length, the offset
 * looked at, the bytes of the marker (0: none). */
static const struct {
	const char	*text;
	size_t		 len, at, want;
} marker_cases[] = {
	{ "一是调研", 12, 0, 6 },
	{ "。二是调研", 15, 3, 6 },
	{ "统一是", 9, 3, 0 },
	{ "；（2）调研", 16, 3, 7 },
	{ "，①调研", 13, 3, 3 },
	{ "（12", 6, 0, 0 },
};

static void
test_words(void **state)
{
	char	 ev[512];
	size_t	 i;

	(void)state;
	assert_string_equal(status_name(STATUS_DONE), "已完成");
	assert_string_equal(status_name(STATUS_LATE), "滞后/未完成");
	assert_string_equal(status_name(STATUS_MAX), "");
	for (i = 0; i < sizeof(word_cases) / sizeof(word_cases[0]); i++) {
		if (st(word_cases[i].plan, word_cases[i].report, ev,
		    sizeof(ev)) != word_cases[i].want)
			fail_msg("case %zu (%s): %s, not %s", i,
			    word_cases[i].report, status_name(st(
			    word_cases[i].plan, word_cases[i].report, NULL,
			    0)), status_name(word_cases[i].want));
		if (word_cases[i].evidence != NULL)
			assert_string_equal(ev, word_cases[i].evidence);
	}
	for (i = 0; i < sizeof(marker_cases) / sizeof(marker_cases[0]); i++)
		assert_int_equal(status_marker(marker_cases[i].text,
		    marker_cases[i].len, marker_cases[i].at),
		    marker_cases[i].want);
}

/* Are signatures x and y the same terms with the same weights? */
static int
same_sig(const struct relate_sig *x, const struct relate_sig *y)
{
	return x->n > 0 && x->n == y->n && x->norm2 == y->norm2 &&
	    memcmp(x->term, y->term, x->n * sizeof(*x->term)) == 0 &&
	    memcmp(x->w, y->w, x->n * sizeof(*x->w)) == 0;
}

/* The fold of traditional characters (gen/parse/fold.c): one table for
 * the status words and the terms of related items. */
static void
test_fold(void **state)
{
	char			 s[64];
	struct arena		 a = ARENA_INIT;
	struct relate_sig	 x, y;

	(void)state;
	assert_int_equal(fold_cp(0x9032), 0x8FDB);	/* 進 进 */
	assert_int_equal(fold_cp(0x8FDB), 0x8FDB);	/* 进 stays */
	assert_int_equal(fold_cp(0x555F), 0x542F);	/* 啟 启 (Unihan) */
	assert_int_equal(fold_cp(0x5553), 0x542F);	/* 啓 启 (by hand) */
	assert_int_equal(fold_cp(0x7D2E), 0x624E);	/* 紮 扎 (by hand) */
	assert_int_equal(fold_cp('A'), 'A');
	assert_int_equal(fold_cp(0x20000), 0x20000);
	/* In place, the same length; other characters, a four-byte one
	 * and a broken byte stay. */
	snprintf(s, sizeof(s), "%s", "這些項目均已如期完成 að éx");
	fold_text(s, strlen(s));
	assert_string_equal(s, "这些项目均已如期完成 að éx");
	snprintf(s, sizeof(s), "%s", "醫療衛生");
	fold_text(s, 6);	/* the first two characters only */
	assert_string_equal(s, "医疗衛生");
	/* The relate layer folds its terms by the same table. */
	relate_sig_make(&a, "醫療衛生服務體系", strlen("醫療衛生服務體系"),
	    &x);
	relate_sig_make(&a, "医疗卫生服务体系", strlen("医疗卫生服务体系"),
	    &y);
	assert_true(same_sig(&x, &y));
	relate_sig_make(&a, "啓動項目", strlen("啓動項目"), &x);
	relate_sig_make(&a, "启动项目", strlen("启动项目"), &y);
	assert_true(same_sig(&x, &y));
	relate_sig_make(&a, "啟動專案", strlen("啟動專案"), &x);
	assert_false(same_sig(&x, &y));
	arena_free(&a);
	/* And status_read() reads the folded words. */
	assert_int_equal(st("项目", "已啓動前期工作", NULL, 0),
	    STATUS_ONGOING);
}

/* ---- The labels ---- */

#define LABELS	"tests/labels/matches.tsv"
#define STATUSES "tests/labels/statuses.tsv"
#define SPLIT	"tests/labels/split.tsv"
#define NLAB	512

struct label {
	char	 set[16];
	char	 id[16];
	int	 heldout;
	int	 want;
	int	 got;
};

/* Split line (modified) into at most max fields at tabs. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t	 n = 0;
	char	*p = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		f[n++] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	return n;
}

static int
status_of(const char *name)
{
	int	 s;

	for (s = 0; s < STATUS_MAX; s++)
		if (strcmp(status_name(s), name) == 0)
			return s;
	return -1;
}

/*
 * The file a label's reference names, into path: corpus/FILE and
 * seeds/FILE are read in place in the shared folder ($SHARED, else
 * ../shared: its docs/ and seeds/), anything else from the repository.
 * 1 for a file of the shared folder, 0 for one of the repository.
 */
static int
label_path(const char *ref, size_t reflen, char *path, size_t size)
{
	const char	*shared = getenv("SHARED");

	if (shared == NULL || shared[0] == '\0')
		shared = "../shared";
	if (reflen > 7 && strncmp(ref, "corpus/", 7) == 0) {
		snprintf(path, size, "%s/corpus/docs/%.*s", shared,
		    (int)(reflen - 7), ref + 7);
		return 1;
	}
	if (reflen > 6 && strncmp(ref, "seeds/", 6) == 0) {
		snprintf(path, size, "%s/%.*s", shared, (int)reflen, ref);
		return 1;
	}
	snprintf(path, size, "%.*s", (int)reflen, ref);
	return 0;
}

/* The lines of file path, in lines[1..n] (malloc'd copies); n. */
static size_t
file_lines(const char *path, char ***lines)
{
	FILE	*fp = fopen(path, "r");
	char	 buf[65536];
	size_t	 n = 0;

	*lines = calloc(4096, sizeof(**lines));
	if (fp == NULL)
		fprintf(stderr, "test_status: %s: cannot open\n", path);
	assert_non_null(fp);
	while (n + 1 < 4096 && fgets(buf, sizeof(buf), fp) != NULL) {
		buf[strcspn(buf, "\r\n")] = '\0';
		(*lines)[++n] = strdup(buf);
	}
	fclose(fp);
	return n;
}

/* The first line in lines[from..to] (of n) that holds the first 12
 * bytes of s (whole characters; up to a …), or with tail its last 12
 * bytes; 0 when none does. */
static long
evidence_line(char **lines, size_t n, long from, long to, const char *s,
    int tail)
{
	char		 key[64];
	const char	*k = s, *dots = strstr(s, "…");
	size_t		 klen = dots != NULL ? (size_t)(dots - s) : strlen(s);
	long		 l;

	if (tail && klen == strlen(s) && klen > 12) {
		k = s + klen - 12;
		while (((unsigned char)*k & 0xC0) == 0x80)
			k++;
		klen = strlen(k);
	}
	if (klen > 12)
		klen = 12;
	while (klen > 0 && ((unsigned char)k[klen] & 0xC0) == 0x80)
		klen--;
	if (klen < 6)
		return 0;
	snprintf(key, sizeof(key), "%.*s", (int)klen, k);
	for (l = from; l <= (long)n && l <= to; l++)
		if (strstr(lines[l], key) != NULL)
			return l;
	return 0;
}

/*
 * The report's text of one label: the lines of ref (FILE:A-B); its
 * line numbers drift by a few lines in the long table of bj2017, so the
 * range is moved onto the line where the evidence's first words are
 * when they are outside it.  Lines are joined without a break (the
 * file's wrapped lines), blank lines as one.
 */
static char *
report_text(const char *ref, const char *evidence)
{
	char		 path[512], **lines;
	const char	*colon = strrchr(ref, ':'), *cut, *last;
	long		 a, b, at = 0, l;
	size_t		 n, i, len = 0, klen;
	char		*out;

	if (strcmp(ref, "none") == 0 || colon == NULL)
		return strdup("");
	label_path(ref, (size_t)(colon - ref), path, sizeof(path));
	a = strtol(colon + 1, (char **)&cut, 10);
	b = *cut == '-' ? strtol(cut + 1, NULL, 10) : a;
	n = file_lines(path, &lines);
	/* The line of the evidence's first words and of its last part's
	 * (after the last …): the range is moved to start no later than
	 * the one and end no earlier than the other. */
	at = evidence_line(lines, n, a, b + 8, evidence, 0);
	if (at > b) {
		a += at - b;
		b = at;
	}
	for (last = evidence, cut = evidence; (cut = strstr(cut, "…")) != NULL;
	    cut += strlen("…"))
		last = cut + strlen("…");
	if ((l = evidence_line(lines, n, a, b + 8, last, 1)) > b)
		b = l;
	out = calloc(1, 1);
	for (l = a; l <= b && l <= (long)n; l++) {
		klen = strlen(lines[l]);
		out = realloc(out, len + klen + 2);
		memcpy(out + len, lines[l], klen);
		len += klen;
		if (klen == 0)
			out[len++] = '\n';
		out[len] = '\0';
	}
	for (i = 1; i <= n; i++)
		free(lines[i]);
	free(lines);
	return out;
}

/*
 * The report's words of a label of statuses.tsv: the text of ref (its
 * lines joined), from the first from in it to the end of the first to
 * after that (empty: the start, the end).  NULL when from or to is not
 * there (a label that no longer reads its text).
 */
static char *
span_text(const char *ref, const char *from, const char *to)
{
	char	*t = report_text(ref, ""), *a, *b, *out;
	size_t	 len;

	a = from[0] != '\0' ? strstr(t, from) : t;
	if (a == NULL) {
		free(t);
		return NULL;
	}
	if (to[0] == '\0')
		b = a + strlen(a);
	else if ((b = strstr(a, to)) != NULL)
		b += strlen(to);
	else {
		free(t);
		return NULL;
	}
	len = (size_t)(b - a);
	out = malloc(len + 1);
	memcpy(out, a, len);
	out[len] = '\0';
	free(t);
	return out;
}

/* Is the label set/id of statuses.tsv in STATUS_SINCE (sNN: from sNN
 * on; sNN-sMM: from sNN to sMM)? */
static int
since(const char *set, const char *id)
{
	const char	*from = getenv("STATUS_SINCE"), *to;
	int		 k;

	if (from == NULL || strcmp(set, "statuses") != 0 || id[0] != 's' ||
	    from[0] != 's')
		return 0;
	k = atoi(id + 1);
	to = strchr(from, '-');
	return k >= atoi(from + 1) && (to == NULL || to[1] != 's' ||
	    k <= atoi(to + 2));
}

/* Read one label's status: the report's words text, the plan item plan;
 * STATUS_DEBUG=ID prints them. */
static void
read_label(struct label *l, const char *plan, const char *text)
{
	size_t	 off, len;

	l->got = status_read(plan, strlen(plan), text, strlen(text), &off,
	    &len);
	if (getenv("STATUS_DEBUG") != NULL &&
	    strcmp(getenv("STATUS_DEBUG"), l->id) == 0)
		fprintf(stderr, "%s: %s\n  evidence: %.*s\n", l->id, text,
		    (int)len, text + off);
}

static void
test_labels(void **state)
{
	FILE		*fp;
	char		 line[65536], *f[16], *text, path[512];
	struct label	*lab = calloc(NLAB, sizeof(*lab)), *l;
	size_t		 n = 0, i;
	int		 part, s, right[2] = { 0, 0 }, all[2] = { 0, 0 };
	int		 want[2][STATUS_MAX], got[2][STATUS_MAX];
	int		 hit[2][STATUS_MAX];
	int		 base, basehit, common;
	int		 below = 1, nobetter = 1, worse = 0, tune_only;
	int		 skipped = 0, ball[2] = { 0, 0 }, bright[2] = { 0, 0 };
	double		 acc, f1, bf1, p, r;
	static const char *const parts[2] = { "tune", "heldout" };

	(void)state;
	if ((fp = fopen(LABELS, "r")) == NULL) {
		fprintf(stderr, "test_status: %s absent: run from the "
		    "repository root\n", LABELS);
		fail();
	}
	memset(want, 0, sizeof(want));
	memset(got, 0, sizeof(got));
	memset(hit, 0, sizeof(hit));
	/* id pair plan_ref plan_item report_ref status evidence note */
	while (fgets(line, sizeof(line), fp) != NULL && n < NLAB) {
		if (fields(line, f, 16) < 7 || strcmp(f[0], "id") == 0)
			continue;
		l = &lab[n++];
		snprintf(l->set, sizeof(l->set), "matches");
		snprintf(l->id, sizeof(l->id), "%s", f[0]);
		l->want = status_of(f[5]);
		assert_true(l->want >= 0);
		text = report_text(f[4], f[6]);
		/* The text holds the evidence's first words: the range
		 * was read right. */
		if (f[6][0] != '\0' && strlen(f[6]) >= 12 &&
		    memmem(text, strlen(text), f[6], 9) == NULL)
			fprintf(stderr, "  %s: the report's text misses the "
			    "evidence\n", l->id);
		read_label(l, f[3], text);
		free(text);
	}
	fclose(fp);
	assert_true(n >= 60);
	/* id doc plan_ref plan_item report_ref report_from report_to
	 * status evidence note: the report's words are a span. */
	assert_non_null(fp = fopen(STATUSES, "r"));
	while (fgets(line, sizeof(line), fp) != NULL && n < NLAB) {
		if (fields(line, f, 16) < 9 || strcmp(f[0], "id") == 0)
			continue;
		/* A label read in place in the shared folder counts
		 * only when that folder is there. */
		if (label_path(f[4], strcspn(f[4], ":"), path,
		    sizeof(path)) && access(path, R_OK) != 0) {
			skipped++;
			continue;
		}
		l = &lab[n++];
		snprintf(l->set, sizeof(l->set), "statuses");
		snprintf(l->id, sizeof(l->id), "%s", f[0]);
		l->want = status_of(f[7]);
		assert_true(l->want >= 0);
		text = span_text(f[4], f[5], f[6]);
		if (text == NULL)
			fprintf(stderr, "  %s: %s does not hold its span\n",
			    l->id, f[4]);
		assert_non_null(text);
		read_label(l, f[3], text);
		free(text);
	}
	fclose(fp);
	if (skipped > 0)
		printf("status: %d labels of the shared folder skipped (%s "
		    "absent): the held-out figure is not checked\n", skipped,
		    path);
	assert_true(n >= 120);
	assert_non_null(fp = fopen(SPLIT, "r"));
	while (fgets(line, sizeof(line), fp) != NULL)
		if (fields(line, f, 16) == 3)
			for (i = 0; i < n; i++)
				if (strcmp(lab[i].set, f[0]) == 0 &&
				    strcmp(lab[i].id, f[1]) == 0)
					lab[i].heldout = strcmp(f[2],
					    "heldout") == 0;
	fclose(fp);
	/* STATUS_PART=tune: the tuning part alone, nothing of the held-out
	 * part printed or asserted (issue 21: rules are tuned there). */
	tune_only = getenv("STATUS_PART") != NULL &&
	    strcmp(getenv("STATUS_PART"), "tune") == 0;
	for (i = 0; i < n; i++) {
		part = lab[i].heldout;
		if (since(lab[i].set, lab[i].id)) {
			ball[part]++;
			bright[part] += lab[i].got == lab[i].want;
		}
		all[part]++;
		right[part] += lab[i].got == lab[i].want;
		want[part][lab[i].want]++;
		got[part][lab[i].got]++;
		hit[part][lab[i].want] += lab[i].got == lab[i].want;
		if (getenv("STATUS_VERBOSE") != NULL && lab[i].got !=
		    lab[i].want && !part)
			fprintf(stderr, "  %s %s: %s, read %s\n", parts[part],
			    lab[i].id, status_name(lab[i].want),
			    status_name(lab[i].got));
	}
	for (part = 0; part < (tune_only ? 1 : 2); part++) {
		/* The most common status of the tuning part answers
		 * always: the baseline. */
		for (common = 0, s = 1; s < STATUS_MAX; s++)
			if (want[0][s] > want[0][common])
				common = s;
		acc = all[part] ? 100.0 * right[part] / all[part] : 0;
		if (getenv("STATUS_SINCE") != NULL)
			printf("status %s, statuses.tsv from %s on: %d/%d "
			    "right\n", parts[part], getenv("STATUS_SINCE"),
			    bright[part], ball[part]);
		base = want[part][common];
		printf("status %s: %d/%d right (%.1f%%); always %s: %d/%d "
		    "(%.1f%%)\n", parts[part], right[part], all[part], acc,
		    status_name(common), base, all[part],
		    all[part] ? 100.0 * base / all[part] : 0);
		for (s = 0; s < STATUS_MAX; s++) {
			p = got[part][s] ? (double)hit[part][s] /
			    got[part][s] : 0;
			r = want[part][s] ? (double)hit[part][s] /
			    want[part][s] : 0;
			f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
			basehit = s == common ? want[part][s] : 0;
			p = s == common && all[part] ? (double)basehit /
			    all[part] : 0;
			r = s == common ? 1 : 0;
			bf1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
			printf("  %-12s %2d labelled, %2d read, %2d right: "
			    "F1 %.2f (always %s: %.2f)\n", status_name(s),
			    want[part][s], got[part][s], hit[part][s], f1,
			    status_name(common), bf1);
			/* Held out, every status with two labels or more
			 * is read better than the baseline reads it. */
			if (part == 1 && want[part][s] >= 2 && f1 <= bf1)
				worse++;
		}
		if (part == 1) {
			if (acc < TARGET)
				printf("held out: %.1f%% right, below the "
				    "target of %d%%\n", acc, TARGET);
			below = acc < FLOOR;
			nobetter = right[part] <= base;
		}
	}
	free(lab);
	if (tune_only || skipped > 0)
		return;
	/* Held out: the target, the baseline overall and per status. */
	assert_false(below);
	assert_false(nobetter);
	assert_int_equal(worse, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

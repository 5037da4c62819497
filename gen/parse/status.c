/*
 * status.c — what a report's words say became of a plan item: 已完成,
 * 基本完成, 推进中, 滞后/未完成 or 未提及, and the sentence that says it.
 * The words are read in traditional characters too (a copy of the
 * text folded by fold_text(), the same length, so that offsets stay
 * the original's).
 * The rules and their order: docs/tracking.md; the examples:
 * tests/unit/test_status.c; measured on tests/labels/matches.tsv.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse_int.h"

#define SENT_MAX	64	/* sentences of one report text read at most */

static const char *const status_names[STATUS_MAX] = {
	"未提及", "已完成", "基本完成", "推进中", "滞后/未完成"
};

/*
 * The words, by what they say.  A word of an earlier class read in a
 * sentence hides the words inside it (未完成 hides 完成, 基本完成 too).
 */
enum cue {
	CUE_LATE,	/* the target missed: 未完成, 尚未, 滞后 */
	CUE_MOSTLY,	/* 基本完成: most done, a part left */
	CUE_PENDING,	/* a named part still waits: 待审定, 起草稿 */
	CUE_STRONG,	/* the target reached as written: 全部完成 */
	CUE_SHORT,	/* a figure short of the target: 开工率76.3%,
			 * 改造40户 of 100户 */
	CUE_COUNT,	/* a running count: 已完成342384例, 累计完成 */
	CUE_PRELIM,	/* a first step done: 完成项目方案制定 */
	CUE_ONGOING,	/* work under way: 正在推进, 达到时序进度 */
	CUE_DONE,	/* an act reported done: 完成, 印发, 建成 */
	CUE_MAX
};

struct word {
	const char	*w;
	enum cue	 cue;
};

static const struct word words[] = {
	{ "尚未完成", CUE_LATE }, { "未能完成", CUE_LATE },
	{ "没有完成", CUE_LATE }, { "未完成", CUE_LATE },
	{ "未按期", CUE_LATE }, { "未如期", CUE_LATE },
	{ "未按时", CUE_LATE }, { "未实现", CUE_LATE },
	{ "未达到", CUE_LATE }, { "未达标", CUE_LATE },
	{ "未开工", CUE_LATE }, { "未启动", CUE_LATE },
	{ "滞后", CUE_LATE }, { "进度缓慢", CUE_LATE },
	{ "进展缓慢", CUE_LATE }, { "暂缓", CUE_LATE }, { "停滞", CUE_LATE },
	{ "推迟", CUE_LATE }, { "延期", CUE_LATE }, { "尚未", CUE_LATE },
	{ "暂未", CUE_LATE }, { "仍未", CUE_LATE }, { "缓慢", CUE_LATE },
	{ "偏慢", CUE_LATE }, { "较慢", CUE_LATE },
	{ "低于目标", CUE_LATE }, { "塌目标", CUE_LATE },
	{ "低于预期", CUE_LATE }, { "慢于序时", CUE_LATE },
	{ "欠序时", CUE_LATE },

	{ "基本完成", CUE_MOSTLY }, { "基本建成", CUE_MOSTLY },
	{ "基本实现", CUE_MOSTLY }, { "基本达到", CUE_MOSTLY },
	{ "大部分完成", CUE_MOSTLY }, { "部分完成", CUE_MOSTLY },
	{ "基本确定", CUE_MOSTLY }, { "主体完工", CUE_MOSTLY },
	{ "基本完工", CUE_MOSTLY }, { "基本竣工", CUE_MOSTLY },
	{ "基本形成", CUE_MOSTLY }, { "基本具备", CUE_MOSTLY },
	{ "基本到位", CUE_MOSTLY }, { "即将全面完成", CUE_MOSTLY },
	{ "即将完成", CUE_MOSTLY }, { "接近完成", CUE_MOSTLY },
	{ "收尾阶段", CUE_MOSTLY }, { "进入收尾", CUE_MOSTLY },

	{ "待审定", CUE_PENDING }, { "请市政府审定", CUE_PENDING },
	{ "报市政府审定", CUE_PENDING }, { "待批准", CUE_PENDING },
	{ "待审批", CUE_PENDING }, { "起草稿", CUE_PENDING },
	{ "征求意见稿", CUE_PENDING }, { "送审稿", CUE_PENDING },
	{ "将于", CUE_PENDING }, { "等待", CUE_PENDING },

	{ "全部完成", CUE_STRONG }, { "均已完成", CUE_STRONG },
	{ "均已如期完成", CUE_STRONG }, { "如期完成", CUE_STRONG },
	{ "超额完成", CUE_STRONG }, { "圆满完成", CUE_STRONG },
	{ "全面完成", CUE_STRONG }, { "顺利完成", CUE_STRONG },
	{ "提前完成", CUE_STRONG }, { "全部建成", CUE_STRONG },
	{ "已全部", CUE_STRONG }, { "全面建成", CUE_STRONG },
	{ "高于目标", CUE_STRONG }, { "超过目标", CUE_STRONG },
	{ "超出目标", CUE_STRONG }, { "超目标", CUE_STRONG },

	{ "累计完成", CUE_COUNT },

	{ "时序进度", CUE_ONGOING }, { "时序推进", CUE_ONGOING },
	{ "序时推进", CUE_ONGOING }, { "序时进度", CUE_ONGOING },
	{ "时间进度", CUE_ONGOING }, { "顺利推进", CUE_ONGOING },
	{ "正常推进", CUE_ONGOING }, { "按计划推进", CUE_ONGOING },
	{ "招投标中", CUE_ONGOING }, { "招标中", CUE_ONGOING },
	{ "正在", CUE_ONGOING },
	{ "推进中", CUE_ONGOING }, { "持续推进", CUE_ONGOING },
	{ "有序推进", CUE_ONGOING }, { "稳步推进", CUE_ONGOING },
	{ "积极推进", CUE_ONGOING }, { "扎实推进", CUE_ONGOING },
	{ "全力推进", CUE_ONGOING }, { "加快推进", CUE_ONGOING },
	{ "深入推进", CUE_ONGOING }, { "推动", CUE_ONGOING },
	{ "启动", CUE_ONGOING }, { "进行中", CUE_ONGOING },
	{ "筹备", CUE_ONGOING }, { "前期工作", CUE_ONGOING },
	{ "推进会", CUE_ONGOING }, { "研究制定", CUE_ONGOING },
	{ "起草", CUE_ONGOING }, { "开工建设", CUE_ONGOING },
	{ "在建", CUE_ONGOING }, { "施工中", CUE_ONGOING },
	{ "建设中", CUE_ONGOING }, { "实施中", CUE_ONGOING },
	{ "搬迁中", CUE_ONGOING }, { "办理中", CUE_ONGOING },
	{ "准备", CUE_ONGOING }, { "开始施工", CUE_ONGOING },

	{ "已完成", CUE_DONE }, { "完成", CUE_DONE }, { "建成", CUE_DONE },
	{ "实现了", CUE_DONE }, { "已实现", CUE_DONE },
	{ "达到了", CUE_DONE }, { "已达到", CUE_DONE },
	{ "印发", CUE_DONE }, { "出台", CUE_DONE }, { "下发", CUE_DONE },
	{ "签订", CUE_DONE }, { "举办", CUE_DONE }, { "推出", CUE_DONE },
	{ "成立了", CUE_DONE }, { "建立了", CUE_DONE },
	{ "制定了", CUE_DONE }, { "开通", CUE_DONE }, { "超出", CUE_DONE },
	{ "投入使用", CUE_DONE }, { "投入运营", CUE_DONE },
	{ "正式运行", CUE_DONE }, { "上线运行", CUE_DONE },
	{ "审议通过", CUE_DONE }, { "通过验收", CUE_DONE },
	{ "全覆盖", CUE_DONE }, { "挂牌", CUE_DONE }, { "揭牌", CUE_DONE },
	{ "完工", CUE_DONE }, { "竣工", CUE_DONE },
	{ NULL, CUE_MAX }
};

/* What a preliminary step is, after 完成 (完成项目方案制定、预算编制). */
static const char *const prelim_after[] = {
	"项目方案", "方案制定", "方案编制", "预算编制", "课题任务书",
	"任务书", "前期", "招标", "招投标", "施工招标", "施工招投标",
	"设计招标", "设计方案", "初步设计", "施工图设计", "可研", "立项",
	"选址", "调研", "初稿", "草案", "起草", NULL
};

/* Words of building under way when a clause ends 建设 (开展…建设,
 * 推进…建设). */
static const char *const build_verbs[] = { "开展", "推进", "加快", NULL };

/* Words of a plan item that ask for a document to be made: then a
 * report that one was issued (印发…方案) reports the item done, else
 * only its first step. */
static const char *const plan_doc_words[] = {
	"印发", "制定", "出台", "方案", "文件", "意见", "办法", "规划",
	"计划", NULL
};

/* Words before a 完成 in its clause that make it a date ahead, not an
 * act done: 预计…完成, 力争…完成, 能顺利完成. */
static const char *const future_words[] = {
	"预计", "力争", "确保", "争取", "有望", "将于", "将在", "能顺利",
	"能够", "计划于", "拟于", "拟在", NULL
};

/* Words just before a percentage that make it a change, not a share
 * of the work done: 增长28.6%, 降幅5.6%. */
static const char *const change_words[] = {
	"增长", "下降", "降低", "提高", "增加", "减少", "降幅", "增幅", "高出",
	"上升", "提升", "同比", NULL
};

/* Rates that are a share of the work done (开工率76.3%); other rates
 * (签约率, 筛查率) and proportions (比例, 比重, 总数的) are indicators,
 * read only against the plan's own. */
static const char *const share_rates[] = {
	"完成率", "开工率", "竣工率", "动工率", "建成率", "到位率", "执行率",
	NULL
};

/* Acts that reach a target when 目标 follows in their clause
 * (达到年度工作目标, 实现了…的年度目标). */
static const char *const target_acts[] = {
	"达到", "实现", "完成", "达成", NULL
};

/* Words of a sentence about money passed down or spent: its acts
 * (已全部下达, 占计划156.25%) say the work is funded, not done. */
static const char *const fund_words[] = { "资金", "经费", "投资", NULL };
static const char *const fund_acts[] = { "下达", "拨付", "到位", NULL };

#define TARGET_MAX	16	/* units of a plan's figures compared */

/* A plan's target in one unit: its largest figure, or its smallest
 * when lower is better (控制在…以内). */
struct target {
	const char	*unit;
	double		 num;
	int		 low;
};

/* The name of status st (已完成 …), "" when out of range. */
const char *
status_name(int st)
{
	return st >= 0 && st < STATUS_MAX ? status_names[st] : "";
}

/* Words of a column of outcomes. */
static const char *const outcome_columns[] = {
	"完成情况", "进展情况", "落实情况", "推进情况", "完成进度", "工作评价",
	"执行情况", NULL
};

int
status_column(const char *name)
{
	size_t	 k;

	for (k = 0; name != NULL && outcome_columns[k] != NULL; k++)
		if (strstr(name, outcome_columns[k]) != NULL)
			return 1;
	return 0;
}

/* Is the character at s[0..len) one of the characters of set (UTF-8,
 * three bytes each)? */
static int
has_at(const char *s, size_t len, const char *set)
{
	size_t	 k;

	for (k = 0; len >= 3 && set[k] != '\0'; k += 3)
		if (memcmp(s, set + k, 3) == 0)
			return 1;
	return 0;
}

/* Is cp a mark a clause ends with (。；，：！？ and their ASCII forms, a
 * line break, a space)? */
static int
clause_mark(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF1B || cp == 0xFF0C || cp == 0xFF1A ||
	    cp == 0xFF01 || cp == 0xFF1F || cp == 0x3001 || cp == ';' ||
	    cp == ',' || cp == ':' || cp == '\n' || cp == ' ';
}

/* The length of the enumeration marker at s[i..len), else 0. */
size_t
status_marker(const char *s, size_t len, size_t i)
{
	uint32_t	 cp, prev;
	size_t		 k, d;

	if (i > 0 && !clause_mark(utf8_prev(s, i, NULL)))
		return 0;
	if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
		return 0;
	if (cp >= 0x2460 && cp <= 0x2473)		/* ① … ⑳ */
		return k;
	if (has_at(s + i, len - i, "一二三四五六七八九十") && len - i >= 6 &&
	    memcmp(s + i + 3, "是", 3) == 0)
		return 6;
	if (cp != 0xFF08 && cp != '(')			/* （1） (1) */
		return 0;
	for (d = i + k; d < len && d - i - k < 2 && ascii_isdigit(s[d]); d++)
		continue;
	if (d == i + k || d >= len)
		return 0;
	if ((k = utf8_decode(s + d, len - d, &prev)) == 0 ||
	    (prev != 0xFF09 && prev != ')'))
		return 0;
	return d + k - i;
}

/* Does s[0..len) hold needle? */
static int
has(const char *s, size_t len, const char *needle)
{
	size_t	 n = strlen(needle);

	return n <= len && memmem(s, len, needle, n) != NULL;
}

/* Is the text at s[0..len) the end of a sentence: 。；！？!?; or a line
 * break? Return the length of the mark, else 0. */
static size_t
sentence_end(const char *s, size_t len)
{
	static const char *const marks[] = { "。", "；", "！", "？", NULL };
	size_t	 k;

	if (len > 0 && (s[0] == ';' || s[0] == '!' || s[0] == '?' ||
	    s[0] == '\n'))
		return 1;
	for (k = 0; marks[k] != NULL; k++)
		if (len >= 3 && memcmp(s, marks[k], 3) == 0)
			return 3;
	return 0;
}

/* Offset of needle in s[0..len) at or after from, else len. */
static size_t
find_from(const char *s, size_t len, size_t from, const char *needle)
{
	const char	*p;

	if (from >= len)
		return len;
	p = memmem(s + from, len - from, needle, strlen(needle));
	return p != NULL ? (size_t)(p - s) : len;
}

/* Is there a number (an ASCII digit) at s[0..len)? */
static int
digit_at(const char *s, size_t len)
{
	return len > 0 && ascii_isdigit(s[0]);
}

/* Does any word of list end at s[0..at) (whole characters)? */
static int
word_before(const char *s, size_t at, const char *const *list)
{
	size_t	 k, n;

	for (k = 0; list[k] != NULL; k++) {
		n = strlen(list[k]);
		if (n <= at && memcmp(s + at - n, list[k], n) == 0)
			return 1;
	}
	return 0;
}

/* Does the clause of t that ends at at hold a word of list? */
static int
clause_has(const char *t, size_t at, const char *const *list)
{
	size_t	 a = at, k;

	while (a > 0 && !clause_mark(utf8_prev(t, a, NULL)))
		utf8_prev(t, a, &a);
	for (k = 0; list[k] != NULL; k++)
		if (has(t + a, at - a, list[k]))
			return 1;
	return 0;
}

/* Does a purpose end at t[0..at): 为 or 为了 opening its clause
 * (，为基本建成…提出了路径, 为完成全年目标): the words after it are a
 * goal, not an act? */
static int
purpose_before(const char *t, size_t at)
{
	size_t	 a = at;

	if (a >= 3 && memcmp(t + a - 3, "了", 3) == 0)
		a -= 3;
	if (a < 3 || memcmp(t + a - 3, "为", 3) != 0)
		return 0;
	a -= 3;
	return a == 0 || clause_mark(utf8_prev(t, a, NULL));
}

/* Does the clause of t that holds at start with 为 (a purpose)? */
static int
purpose_clause(const char *t, size_t at)
{
	size_t	 a = at;

	while (a > 0 && !clause_mark(utf8_prev(t, a, NULL)))
		utf8_prev(t, a, &a);
	return at - a >= 3 && memcmp(t + a, "为", 3) == 0;
}

/* Does a clause of t[0..len) end at at (its end, or a clause mark)? */
static int
clause_end(const char *t, size_t len, size_t at)
{
	uint32_t	 cp;

	return at >= len || (utf8_decode(t + at, len - at, &cp) > 0 &&
	    clause_mark(cp));
}

/* Does the clause of t that ends at at hold a verb of build_verbs that
 * no word read before covers (used[])? */
static int
build_clause(const char *t, size_t at, const unsigned char *used)
{
	size_t		 a = at, k;
	const char	*p;

	while (a > 0 && !clause_mark(utf8_prev(t, a, NULL)))
		utf8_prev(t, a, &a);
	for (k = 0; build_verbs[k] != NULL; k++)
		if ((p = memmem(t + a, at - a, build_verbs[k],
		    strlen(build_verbs[k]))) != NULL && !used[p - t])
			return 1;
	return 0;
}

/* Does the text at s[0..len) start with a word of list, after a title
 * 《…》 when one opens it (完成《…标准》初稿起草)? */
static int
starts_with(const char *s, size_t len, const char *const *list)
{
	const char	*e;
	size_t		 k;

	if (len >= 3 && memcmp(s, "《", 3) == 0 &&
	    (e = memmem(s, len, "》", 3)) != NULL) {
		len -= (size_t)(e + 3 - s);
		s = e + 3;
	}
	for (k = 0; list[k] != NULL; k++)
		if (len >= strlen(list[k]) &&
		    memcmp(s, list[k], strlen(list[k])) == 0)
			return 1;
	return 0;
}

/* Can a figure in unit be a target or an amount done: a unit, and not
 * an age (60岁以上 says who, not how many)? */
static int
target_unit(const char *unit)
{
	return unit[0] != '\0' && strcmp(unit, "岁") != 0 &&
	    strcmp(unit, "周岁") != 0;
}

/* The plan's targets (figures with a unit, figures_scan()) of
 * plan[0..plen) into tg[], their count. */
static size_t
plan_targets(struct doc *d, const char *plan, size_t plen,
    struct target tg[TARGET_MAX])
{
	struct figure	*v = NULL;
	size_t		 n = 0, cap = 0, i, k, nt = 0;
	int		 low;

	figures_scan(d, plan, plen, &v, &n, &cap);
	for (i = 0; i < n; i++) {
		if (!target_unit(v[i].unit))
			continue;
		low = strcmp(v[i].cmp, "≤") == 0;
		for (k = 0; k < nt && strcmp(tg[k].unit, v[i].unit) != 0; k++)
			continue;
		if (k == nt) {
			if (nt == TARGET_MAX)
				continue;
			tg[nt].unit = v[i].unit;
			tg[nt].num = v[i].num;
			tg[nt++].low = low;
		} else if (low ? v[i].num < tg[k].num : v[i].num > tg[k].num)
			tg[k].num = v[i].num;
	}
	free(v);
	return nt;
}

/*
 * The figures of one sentence t[0..len) (folded) against the plan's
 * targets tg[0..nt): into seen[], CUE_SHORT when one falls short (a
 * unit of the plan whose largest figure here is below the plan's; a
 * share of the work below 100% when the plan sets no percentage),
 * CUE_DONE for a share of 100% or more or a figure beyond the plan's;
 * *reached when a unit of the plan is met (a count such as 已完成10条
 * is then the target, not a running count).
 */
static void
figure_cues(struct doc *d, const char *t, size_t len,
    const struct target *tg, size_t nt, int seen[CUE_MAX], int *reached)
{
	struct figure	*v = NULL;
	size_t		 n = 0, cap = 0, i, k, at = 0;
	const char	*p;
	double		 best[TARGET_MAX];
	int		 got[TARGET_MAX], pct, pshort = 0, pdone = 0;

	*reached = 0;
	memset(got, 0, sizeof(got));
	figures_scan(d, t, len, &v, &n, &cap);
	for (i = 0; i < n; i++) {
		if (!target_unit(v[i].unit))
			continue;
		for (k = 0; k < nt && strcmp(tg[k].unit, v[i].unit) != 0; k++)
			continue;
		if (k < nt) {
			if (!got[k] || (tg[k].low ? v[i].num < best[k] :
			    v[i].num > best[k]))
				best[k] = v[i].num;
			got[k] = 1;
			continue;
		}
		pct = strcmp(v[i].unit, "%") == 0;
		if (!pct)
			continue;
		/* A share of the work: where it stands in the text, and
		 * the words before it. */
		p = memmem(t + at, len - at, v[i].value, strlen(v[i].value));
		if (p == NULL)
			continue;
		at = (size_t)(p - t);
		if (word_before(t, at, change_words))
			continue;
		if ((strlen(v[i].subject) >= 3 && memcmp(v[i].subject +
		    strlen(v[i].subject) - 3, "率", 3) == 0 &&
		    !word_before(v[i].subject, strlen(v[i].subject),
		    share_rates)) || strstr(v[i].subject, "比例") != NULL ||
		    strstr(v[i].subject, "比重") != NULL ||
		    strstr(v[i].subject, "总数") != NULL)
			continue;
		at += strlen(v[i].value);
		if (v[i].num < 100)
			pshort++;
		else
			pdone++;
	}
	seen[CUE_SHORT] += pshort;
	seen[CUE_DONE] += pdone;
	for (k = 0; k < nt; k++) {
		if (!got[k])
			continue;
		/* Beyond the target (26个 for 1-3个, 99.47% for 90%): done;
		 * the plan's own figure again (a row restating its task,
		 * 已完成10条 for 10条) only makes a count the target. */
		if (tg[k].low ? best[k] < tg[k].num : best[k] > tg[k].num)
			seen[CUE_DONE]++;
		if (tg[k].low ? best[k] <= tg[k].num : best[k] >= tg[k].num)
			*reached = 1;
		else
			seen[CUE_SHORT]++;
	}
	free(v);
}

/* The cues of one sentence t[0..len) (folded) into seen[]; plan[0..plen)
 * is the item's text (folded), tg[0..nt) its targets (plan_targets()),
 * d a document for figures_scan()'s strings. */
static void
sentence_cues(struct doc *d, const char *t, size_t len, const char *plan,
    size_t plen, const struct target *tg, size_t nt, int seen[CUE_MAX])
{
	unsigned char	*used;
	size_t		 i, k, n, wlen;
	enum cue	 c;
	int		 plan_doc = 0, plan_start, reached, sum;

	for (k = 0; plan_doc_words[k] != NULL; k++)
		if (has(plan, plen, plan_doc_words[k]))
			plan_doc = 1;
	/* The item is to start something: a line of it starts 启动. */
	plan_start = (plen >= strlen("启动") && memcmp(plan, "启动",
	    strlen("启动")) == 0) || has(plan, plen, "\n启动");
	used = xcalloc(len + 1, 1);
	/* The title of a document (《关于推进…的意见》) says nothing of
	 * progress. */
	for (i = 0, n = 0; i + 3 <= len; i++) {
		if (memcmp(t + i, "《", 3) == 0)
			n++;
		else if (memcmp(t + i, "》", 3) == 0 && n > 0)
			n--;
		else if (n > 0)
			used[i] = 2;
	}
	for (k = 0; words[k].w != NULL; k++) {
		wlen = strlen(words[k].w);
		for (i = 0; i + wlen <= len; i++) {
			if (memcmp(t + i, words[k].w, wlen) != 0)
				continue;
			/* Inside a word read before, or a title (but 起草稿
			 * there says the document is a draft). */
			for (n = 0; n < wlen && (!used[i + n] ||
			    (used[i + n] == 2 && words[k].cue == CUE_PENDING));
			    n++)
				continue;
			if (n < wlen)
				continue;
			memset(used + i, 1, wlen);
			c = words[k].cue;
			/* 为基本建成…, 为完成…: a goal. */
			if ((c == CUE_DONE || c == CUE_STRONG ||
			    c == CUE_MOSTLY) && purpose_before(t, i))
				continue;
			/* 预计10月底前完成, 能顺利完成: a date ahead. */
			if ((c == CUE_DONE || c == CUE_STRONG) &&
			    has(words[k].w, wlen, "完成") &&
			    clause_has(t, i + wlen, future_words))
				continue;
			/* 已完成342384例: a running count. */
			if (c == CUE_DONE &&
			    strcmp(words[k].w, "已完成") == 0 &&
			    digit_at(t + i + wlen, len - i - wlen))
				c = CUE_COUNT;
			/* 完成项目方案制定, 完成《…》初稿起草: a first
			 * step. */
			if (c == CUE_DONE && has(words[k].w, wlen, "完成") &&
			    starts_with(t + i + wlen, len - i - wlen,
			    prelim_after))
				c = CUE_PRELIM;
			/* 下发项目实施方案 when the item is not a document. */
			if (c == CUE_DONE && !plan_doc &&
			    (strcmp(words[k].w, "下发") == 0 ||
			    strcmp(words[k].w, "印发") == 0) &&
			    has(t + i, len - i, "方案"))
				c = CUE_PRELIM;
			/* 启动 is the target reached when the item is to
			 * start something. */
			if (c == CUE_ONGOING && plan_start &&
			    strcmp(words[k].w, "启动") == 0)
				c = CUE_DONE;
			seen[c]++;
		}
	}
	/* 完成率100%, 完成率为106.2%: the target reached. */
	for (i = 0; (i = find_from(t, len, i, "完成率")) < len;
	    i += strlen("完成率")) {
		n = i + strlen("完成率");
		if (len - n >= 3 && memcmp(t + n, "为", 3) == 0)
			n += 3;
		if (len - n >= 3 && memcmp(t + n, "达", 3) == 0)
			n += 3;
		for (k = 0; n + k < len && ascii_isdigit(t[n + k]); k++)
			continue;
		if (k >= 3)
			seen[CUE_STRONG]++;
	}
	/* 达到年度工作目标, 实现了…的年度目标: the target reached as
	 * written, unless of a date ahead (力争实现…目标). */
	for (i = 0; (i = find_from(t, len, i, "目标")) < len; i += 3)
		if (clause_has(t, i, target_acts) &&
		    !clause_has(t, i, future_words) && !purpose_clause(t, i))
			seen[CUE_STRONG]++;
	/* 开展…建设, 推进…建设 ending a clause: building under way. */
	for (i = 0; (i = find_from(t, len, i, "建设")) < len; i += 6)
		if (clause_end(t, len, i + 6) && build_clause(t, i, used))
			seen[CUE_ONGOING]++;
	/* 了 after an act (消除了, 印发了): an act reported done; not 为了,
	 * 了解, 除了 at the start of a clause. */
	for (i = 3; i + 3 <= len; i++)
		if (memcmp(t + i, "了", 3) == 0 && !used[i] &&
		    cp_is_han(utf8_prev(t, i, NULL)) &&
		    memcmp(t + i - 3, "为", 3) != 0 &&
		    (memcmp(t + i - 3, "除", 3) != 0 || (i >= 6 &&
		    cp_is_han(utf8_prev(t, i - 3, NULL)))) &&
		    (len - i < 6 || memcmp(t + i + 3, "解", 3) != 0))
			seen[CUE_DONE]++;
	/* 已 before an act (已具备, 已投入, 已覆盖, 已将…提高到): the act
	 * done (a first step when its clause names one: 招标, 选址); not
	 * 已经, 已于 (a date follows), 已有, 已是, 已在, 已累计. */
	for (i = 0; (i = find_from(t, len, i, "已")) < len; i += 3)
		if (!used[i] && len - i >= 6 &&
		    cp_is_han(utf8_prev(t, i + 6, NULL)) &&
		    !has_at(t + i + 3, len - i - 3, "经于有是在累"))
			/* 招投标文件已发布: a first step of the work. */
			seen[clause_has(t, i, prelim_after) ? CUE_PRELIM :
			    CUE_DONE]++;
	/* 共建设26个, 共检查32000余户: a total reached. */
	for (i = 0; (i = find_from(t, len, i, "共")) < len; i += 3) {
		if (used[i] || (i >= 3 && memcmp(t + i - 3, "公", 3) == 0))
			continue;
		for (n = i + 3, k = 0; k < 3 && n + 3 <= len &&
		    cp_is_han(utf8_prev(t, n + 3, NULL)); k++)
			n += 3;
		if (k >= 1 && k <= 3 && digit_at(t + n, len - n))
			seen[CUE_DONE]++;
	}
	free(used);
	/* The figures against the plan's: a count that meets the target
	 * is the target done. */
	figure_cues(d, t, len, tg, nt, seen, &reached);
	if (reached) {
		seen[CUE_DONE] += seen[CUE_COUNT];
		seen[CUE_COUNT] = 0;
	}
	/* Money passed down (补助资金已全部下达): the work is under way,
	 * whatever the words say of the money. */
	for (k = 0, n = 0; fund_words[k] != NULL; k++)
		n |= (size_t)has(t, len, fund_words[k]);
	for (k = 0, i = 0; n && fund_acts[k] != NULL; k++)
		i |= (size_t)has(t, len, fund_acts[k]);
	if (n && i) {
		for (sum = 0, c = 0; c < CUE_MAX; c++)
			if (c != CUE_LATE) {
				sum += seen[c];
				seen[c] = 0;
			}
		if (sum > 0)
			seen[CUE_ONGOING] = 1;
	}
}

/* The status the cues tot[] give, and in *want the class of cues that
 * decided it: a miss; the target reached as written; a figure short of
 * it; most of it; acts done outweighing work under way; work under
 * way; else nothing said. */
static int
decide(const int tot[CUE_MAX], int *want)
{
	int	 under = tot[CUE_ONGOING] + tot[CUE_PRELIM] + tot[CUE_COUNT];

	*want = CUE_MAX;
	if (tot[CUE_LATE] > 0)
		return *want = CUE_LATE, STATUS_LATE;
	if (tot[CUE_STRONG] > 0)
		return *want = CUE_STRONG, STATUS_DONE;
	if (tot[CUE_SHORT] > 0)
		return *want = CUE_SHORT, STATUS_ONGOING;
	if (tot[CUE_MOSTLY] > 0)
		return *want = CUE_MOSTLY, STATUS_MOSTLY;
	if (tot[CUE_DONE] > 0 && tot[CUE_PENDING] > 0)
		return *want = CUE_PENDING, STATUS_MOSTLY;
	if (tot[CUE_DONE] > 0 && tot[CUE_DONE] >= under)
		return *want = CUE_DONE, STATUS_DONE;
	if (under > 0) {
		*want = tot[CUE_ONGOING] > 0 ? CUE_ONGOING :
		    tot[CUE_PRELIM] > 0 ? CUE_PRELIM : CUE_COUNT;
		return STATUS_ONGOING;
	}
	return STATUS_NONE;
}

/*
 * The status report[0..rlen) (the report's row or paragraph matched to
 * a plan item, plan[0..plen)) gives the item: a STATUS_* value, and in
 * *ev_off, *ev_len the sentence it was read from (0, 0 for
 * STATUS_NONE).  Empty or cue-less text (a row restating the task) is
 * STATUS_NONE.  A report in parts (一是…二是…: status_marker()) whose
 * parts say done of some and not of others (under way, or nothing)
 * gives 基本完成: most of the item, a named part left.
 */
int
status_read(const char *plan, size_t plen, const char *report, size_t rlen,
    size_t *ev_off, size_t *ev_len)
{
	char		*t, *p;
	size_t		 i, start, end, m, ns = 0, pl = plen, b;
	size_t		 soff[SENT_MAX], slen[SENT_MAX];
	int		 cues[SENT_MAX][CUE_MAX], tot[CUE_MAX];
	int		 part[CUE_MAX], st, want, k, s;
	int		 np = 0, pdone = 0, pnot = 0;
	struct doc	*d;
	struct target	 tg[TARGET_MAX];
	size_t		 nt;

	*ev_off = *ev_len = 0;
	if (rlen == 0)
		return STATUS_NONE;
	t = xmalloc(rlen + 1);
	memcpy(t, report, rlen);
	fold_text(t, rlen);
	p = xmalloc(plen + 1);
	memcpy(p, plan, plen);
	fold_text(p, pl);
	d = doc_new("");
	nt = plan_targets(d, p, pl, tg);
	memset(tot, 0, sizeof(tot));
	memset(part, 0, sizeof(part));
	for (start = i = 0; start < rlen && ns < SENT_MAX; ) {
		m = i < rlen ? sentence_end(t + i, rlen - i) : 0;
		if (i < rlen && m == 0) {
			i++;
			continue;
		}
		/* A sentence keeps its 。 but not a line break. */
		end = m == 3 ? i + 3 : i;
		if (end > start) {
			/* A part starts: the one before ends. */
			for (b = start; b < end && t[b] == ' '; b++)
				continue;
			if (status_marker(t, end, b) > 0) {
				if (np > 0 && decide(part, &want) ==
				    STATUS_DONE)
					pdone++;
				else if (np > 0)
					pnot++;
				np++;
				memset(part, 0, sizeof(part));
			}
			memset(cues[ns], 0, sizeof(cues[ns]));
			sentence_cues(d, t + start, end - start, p, pl, tg, nt,
			    cues[ns]);
			for (k = 0; k < CUE_MAX; k++) {
				tot[k] += cues[ns][k];
				part[k] += cues[ns][k];
			}
			soff[ns] = start;
			slen[ns++] = end - start;
		}
		i += i < rlen ? m : 1;
		start = i;
	}
	if (np > 0 && decide(part, &want) == STATUS_DONE)
		pdone++;
	else if (np > 0)
		pnot++;
	free(p);
	free(t);
	doc_free(d);
	if ((st = decide(tot, &want)) == STATUS_NONE)
		return STATUS_NONE;
	if ((st == STATUS_DONE && want == CUE_DONE) || st == STATUS_ONGOING) {
		if (np >= 2 && pdone > 0 && pnot > 0)
			st = STATUS_MOSTLY, want = CUE_DONE;
	}
	/* The evidence: the sentence with the most words of the class
	 * that decided, the first of equals. */
	for (k = 0, s = 0; s < (int)ns; s++)
		if (cues[s][want] > k) {
			k = cues[s][want];
			*ev_off = soff[s];
			*ev_len = slen[s];
		}
	return st;
}

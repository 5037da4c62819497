/*
 * badgen.c — generate the big and hostile inputs of the bad-input suite
 * (tests/cases/bad-*.sh), deterministically, so that none is committed.
 *
 *   badgen plan BYTES          a well-formed plan of at least BYTES bytes
 *   badgen line BYTES          a plan whose second line is BYTES long
 *   badgen deep LEVELS         numbering nested LEVELS deep (plain text)
 *   badgen mddeep LEVELS       lists and quotes nested LEVELS deep (Markdown)
 *   badgen doubled BYTES FILE  a region of BYTES written in doubled
 *                              glyphs; FILE gets the text it stands for
 *                              (its lines joined, one a line)
 *   badgen docs DIR N          N small plans DIR/doc-NNNNN.txt
 *   badgen tags N              a plan of N items, each with an
 *                              annotation of its own
 *
 * Output goes to standard output unless said otherwise.  Exit 0, or 1
 * with a message on bad usage or a write error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

/* Han characters that are no numeral, unit or 第: lead words of
 * numbering markers are made of them. */
static const char pool[] =
    "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月山川风"
    "云雷电春夏秋冬东西南北前后左右红黄蓝白黑青紫";

/* Running text of a plan (no numbering inside). */
static const char body[] =
    "推进分级诊疗制度建设，完善医联体运行机制，提升基层医疗卫生服务能力，"
    "保障人民群众健康。";

static const char *const cn[] = { "一", "二", "三", "四", "五", "六", "七",
    "八", "九" };

/* The Chinese numeral of n (1-99) in out. */
static const char *
cn_num(size_t n, char out[32])
{
	out[0] = '\0';
	if (n >= 20)
		strcat(out, cn[n / 10 - 1]);
	if (n >= 10)
		strcat(out, "十");
	if (n % 10)
		strcat(out, cn[n % 10 - 1]);
	return out;
}

static unsigned long long rng = 88172645463325252ULL;

/* A deterministic pseudo-random number (xorshift64). */
static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
put(FILE *f, const char *s, size_t len)
{
	if (fwrite(s, 1, len, f) != len) {
		fprintf(stderr, "badgen: write: %s\n", strerror(errno));
		exit(1);
	}
}

/* The k-th code point of a UTF-8 string of 3-byte characters. */
static const char *
han(const char *s, size_t k)
{
	return s + 3 * k;
}

/* Sections of up to 999 numbered items (bigger numbers read as years),
 * at least bytes long (up to 99 sections of 800 kB). */
static void
gen_plan(FILE *f, size_t bytes)
{
	size_t	 done = 0, per, i, sec, nsec;
	char	 line[2048], num[32];
	int	 n;

	n = snprintf(line, sizeof(line), "2015年昌平区卫生计生工作要点\n\n");
	put(f, line, (size_t)n);
	per = bytes / (6 * strlen(body)) + 1;
	nsec = (per + 998) / 999;
	if (nsec > 99)
		nsec = 99;
	per = (per + nsec - 1) / nsec;
	if (per > 999)
		per = 999;
	for (sec = 1; sec <= nsec; sec++) {
		n = snprintf(line, sizeof(line), "%s、第%zu部分重点任务\n",
		    cn_num(sec, num), sec);
		put(f, line, (size_t)n);
		done += (size_t)n;
		for (i = 1; i <= per; i++) {
			n = snprintf(line, sizeof(line),
			    "%zu.%s%s%s%s%s%s（办实事项目%zu）\n", i, body, body,
			    body, body, body, body, i % 50 + 1);
			put(f, line, (size_t)n);
			done += (size_t)n;
		}
	}
	while (done < bytes) {
		n = snprintf(line, sizeof(line), "%s\n", body);
		put(f, line, (size_t)n);
		done += (size_t)n;
	}
}

/* A heading, then one line of at least bytes bytes, then a heading. */
static void
gen_line(FILE *f, size_t bytes)
{
	size_t	 done = 0;

	put(f, "一、总体要求\n", strlen("一、总体要求\n"));
	while (done < bytes) {
		put(f, body, strlen(body));
		done += strlen(body);
	}
	put(f, "\n二、重点任务\n1.推进分级诊疗。\n",
	    strlen("\n二、重点任务\n1.推进分级诊疗。\n"));
}

/* The lead word of level k: three Han characters of the pool. */
static void
lead_word(size_t k, char out[10])
{
	size_t	 np = strlen(pool) / 3;

	memcpy(out, han(pool, k % np), 3);
	memcpy(out + 3, han(pool, k / np % np), 3);
	memcpy(out + 6, han(pool, k / np / np % np), 3);
	out[9] = '\0';
}

/* Markers "WORD一：" each of a new style (a lead word of its own), so
 * each opens a level inside the one before; then "WORD二：" innermost
 * first, so every style has a second number. */
static void
gen_deep(FILE *f, size_t levels)
{
	char	 w[10], line[128];
	size_t	 k;
	int	 n;

	n = snprintf(line, sizeof(line), "深度测试工作要点\n\n");
	put(f, line, (size_t)n);
	for (k = 0; k < levels; k++) {
		lead_word(k, w);
		n = snprintf(line, sizeof(line), "%s一：第%zu层。\n", w, k + 1);
		put(f, line, (size_t)n);
	}
	for (k = levels; k-- > 0; ) {
		lead_word(k, w);
		n = snprintf(line, sizeof(line), "%s二：第%zu层之二。\n", w,
		    k + 1);
		put(f, line, (size_t)n);
	}
}

/* Bullet lists, ordered lists and block quotes nested levels deep, each
 * on one line, between good paragraphs. */
static void
gen_mddeep(FILE *f, size_t levels)
{
	size_t	 k;

	fputs("# 深度测试\n\n开头的段落。\n\n", f);
	for (k = 0; k < levels; k++)
		put(f, "- ", 2);
	fputs("列表\n\n", f);
	for (k = 0; k < levels; k++)
		put(f, "1. ", 3);
	fputs("编号\n\n", f);
	for (k = 0; k < levels; k++)
		put(f, ">", 1);
	fputs(" 引用\n\n结尾的段落。\n", f);
}

/* Lines of body text written in runs of 2-5 glyphs, each run twice, as
 * PDF bold text is extracted; want gets the text once. */
static void
gen_doubled(FILE *f, size_t bytes, FILE *want)
{
	size_t	 nb = strlen(body) / 3, done = 0, i, j, k, start, len;
	int	 twice;

	fputs("2015年某区工作要点\n\n一、总体要求\n", f);
	while (done < bytes) {
		start = rnd((unsigned)nb);
		len = 40 + rnd(20);
		for (i = 0; i < len; i += k) {
			k = 2 + rnd(4);
			if (i + k > len)
				k = len - i;
			for (twice = 0; twice < 2; twice++)
				for (j = i; j < i + k; j++) {
					put(f, han(body, (start + j) % nb), 3);
					done += 3;
				}
		}
		for (i = 0; i < len; i++)
			put(want, han(body, (start + i) % nb), 3);
		put(f, "\n", 1);
		done++;
	}
	put(want, "\n", 1);
	fputs("二、重点任务\n1.推进分级诊疗。\n", f);
}

/* N items in sections of 999, item k annotated 办实事项目k. */
static void
gen_tags(FILE *f, size_t n)
{
	size_t	 k;
	char	 num[32];

	fputs("2020年标签测试工作要点\n\n", f);
	for (k = 0; k < n; k++) {
		if (k % 999 == 0)
			fprintf(f, "%s、第%zu部分\n", cn_num(k / 999 + 1, num),
			    k / 999 + 1);
		fprintf(f, "%zu.完成第%zu项任务（办实事项目%zu）\n", k % 999 + 1,
		    k + 1, k + 1);
	}
}

/* n plans of a few sections each in dir. */
static int
gen_docs(const char *dir, size_t n)
{
	char	 path[4096];
	size_t	 k, s, i;
	FILE	*f;

	for (k = 0; k < n; k++) {
		snprintf(path, sizeof(path), "%s/doc-%05zu.txt", dir, k);
		if ((f = fopen(path, "w")) == NULL) {
			fprintf(stderr, "badgen: %s: %s\n", path,
			    strerror(errno));
			return 1;
		}
		fprintf(f, "%zu年第%zu区卫生工作要点\n\n", 2000 + k % 25, k);
		for (s = 0; s < 5; s++) {
			fprintf(f, "%s、第%zu部分\n", cn[s], s + 1);
			for (i = 1; i <= 8; i++)
				fprintf(f, "%zu.%s（办实事项目%zu）\n", i, body,
				    (k + i) % 40 + 1);
		}
		if (fclose(f) == EOF) {
			fprintf(stderr, "badgen: %s: %s\n", path,
			    strerror(errno));
			return 1;
		}
	}
	return 0;
}

static size_t
arg_size(const char *s)
{
	char			*end;
	unsigned long long	 n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0') {
		fprintf(stderr, "badgen: bad number \"%s\"\n", s);
		exit(1);
	}
	return (size_t)n;
}

int
main(int argc, char *argv[])
{
	FILE	*want;

	if (argc == 3 && strcmp(argv[1], "plan") == 0)
		gen_plan(stdout, arg_size(argv[2]));
	else if (argc == 3 && strcmp(argv[1], "line") == 0)
		gen_line(stdout, arg_size(argv[2]));
	else if (argc == 3 && strcmp(argv[1], "deep") == 0)
		gen_deep(stdout, arg_size(argv[2]));
	else if (argc == 3 && strcmp(argv[1], "tags") == 0)
		gen_tags(stdout, arg_size(argv[2]));
	else if (argc == 3 && strcmp(argv[1], "mddeep") == 0)
		gen_mddeep(stdout, arg_size(argv[2]));
	else if (argc == 4 && strcmp(argv[1], "doubled") == 0) {
		if ((want = fopen(argv[3], "w")) == NULL) {
			fprintf(stderr, "badgen: %s: %s\n", argv[3],
			    strerror(errno));
			return 1;
		}
		gen_doubled(stdout, arg_size(argv[2]), want);
		if (fclose(want) == EOF)
			return 1;
	} else if (argc == 4 && strcmp(argv[1], "docs") == 0)
		return gen_docs(argv[2], arg_size(argv[3]));
	else {
		fputs("usage: badgen plan|line|deep|mddeep|tags N | doubled N "
		    "FILE | docs DIR N\n", stderr);
		return 1;
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "badgen: write: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

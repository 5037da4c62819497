/*
 * table.c — table reports: a line of column names (序号 主要职责 年度任务
 * …) followed by rows, each starting with its number (alone on its line
 * or before the first cell's text) and continuing with its cells as
 * blocks of lines separated by blank lines, as PDF extraction leaves
 * them.
 *
 * Rows are found by their numbers, which must count 1, 2, 3 …; cells by
 * their order.  A blank line inside a cell (a page break) is bridged
 * when the line before it is full and ends mid-sentence.  Linear in the
 * text.
 *
 * A category column whose cells span several rows (主要职责) shows as
 * blocks numbered 一、 二、 … (labels).  PDF and Word exports print a
 * merged cell's text once on each page it spans, after (or among) the
 * rows it spans, so most labels stand between rows.  The rule
 * (place_categories, docs/parsing.md table-category): a label right
 * after a row's number is that row's; a run of labels elsewhere ends a
 * stretch of rows (a page), and each of its labels is the category of
 * at least one row of that stretch; the rows of a stretch take the
 * categories printed in it; rows go forward through the categories in
 * the order of their numbers.  The assignment that breaks fewest of
 * these is found by dynamic programming over rows × categories
 * (O(rows × categories)); among equal ones a category runs on as long
 * as it can.  A label no row can take, and a boundary the text leaves
 * open, are warnings.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse_int.h"

#define MIN_COLUMNS	3
#define COLUMN_MAX	12	/* code points of a column name at most */
#define CATEGORY_MAX	30	/* code points of a category label at most */
#define MAX_BLOCKS	16	/* cells of one row kept apart at most */
#define ROW_GAP		10	/* numbers an excerpt's rows skip at most */
#define PLACE_MAX	(1 << 18) /* rows × categories placed at most */

/* A category label seen in the table: value of its numeral, its text,
 * its line, and where it stands: after row pos (1-based; 0: before the
 * first row), or inside row pos - 1 right after its number (inline). */
struct label {
	int		 value;
	const char	*text;
	int		 line;
	size_t		 pos;
	int		 inline_;
};

/* A block of lines: one cell, or a category label. */
struct block {
	struct buf	 b;
	int		 line;
	int		 category;
	int		 maxw;		/* widest line but the last */
	int		 lastw;		/* width of the last line */
	size_t		 nlines;
	/* How b ends (block_end), kept up as lines are joined, so that
	 * asking costs nothing however long the block grows: */
	size_t		 seen;		/* bytes of b looked at */
	size_t		*opens;		/* offsets of the unclosed （ ( */
	size_t		 nopens;
	size_t		 capopens;
	size_t		 match;		/* 1 + offset of the （ ( that the
					 * last ） ) closes; 0 when none */
	uint32_t	 last;		/* the last character */
	uint32_t	 prev1;		/* the last one that closes nothing */
	uint32_t	 prev2;		/* the one right before prev1 */
	int		 irregular;	/* an invalid byte: ask text_end() */
};

struct table {
	struct doc		*doc;
	const struct text	*t;
	struct node		*parent;
	struct node		*list;
	const char		*hdr;		/* the column-header line */
	size_t			 hdrlen;
	size_t			 headerlen;	/* of t->header */
	size_t			 ncols;		/* content columns */
	const char		*cols[32];
	int			 has_category;
	int			 excerpt;	/* numbered by 序号 from other than
						 * 1: rows may skip numbers */
	int			 by_line;	/* the header is one name a line:
						 * a web page's table, a cell a
						 * line, no page breaks */
	struct node		*row;		/* the open row */
	int			 last;		/* its number */
	struct block		 blocks[MAX_BLOCKS];
	size_t			 nblocks;
	int			 open;		/* the last block takes lines */
	struct node		**rows;		/* every row, in order */
	size_t			 nrows;
	size_t			 caprows;
	struct label		*labels;	/* every category label */
	size_t			 nlabels;
	size_t			 caplabels;
};

/* Display width of s[0..len). */
static int
width(const char *s, size_t len)
{
	size_t		 i = 0, k;
	int		 w = 0;

	while (i < len) {
		k = utf8_han_run(s, len, i);
		w += (int)((k - i) / 3 * 2);
		if ((i = k) < len)
			w += cp_width(utf8_step(s, len, &i));
	}
	return w;
}

/* Join line s[0..len) to block b (join_line) and follow how it ends. */
static void
block_join(struct block *b, const char *s, size_t len)
{
	size_t		 i, at;
	uint32_t	 cp;

	join_line(&b->b, s, len);
	for (i = b->seen; i < b->b.len; ) {
		/* A run of Han brackets and closes nothing: only its last
		 * two characters matter. */
		if ((at = utf8_han_run(b->b.data, b->b.len, i)) > i) {
			if (at - i >= 6) {
				i = at - 6;
				b->last = utf8_step(b->b.data, b->b.len, &i);
			}
			i = at - 3;
			cp = utf8_step(b->b.data, b->b.len, &i);
			b->prev2 = b->last;
			b->prev1 = b->last = cp;
			continue;
		}
		at = i;
		cp = utf8_step(b->b.data, b->b.len, &i);
		if (cp == 0xFFFD && i - at == 1)
			b->irregular = 1;
		if (cp == 0xFF08 || cp == '(') {
			if (b->nopens == b->capopens) {
				b->capopens = b->capopens ? 2 * b->capopens : 8;
				b->opens = xreallocarray(b->opens, b->capopens,
				    sizeof(*b->opens));
			}
			b->opens[b->nopens++] = at;
		} else if (cp == 0xFF09 || cp == ')')
			b->match = b->nopens > 0 ? b->opens[--b->nopens] + 1 : 0;
		if (!cp_is_closer(cp)) {
			b->prev2 = b->last;
			b->prev1 = cp;
		}
		b->last = cp;
	}
	b->seen = b->b.len;
}

/* text_end() of block b, from what block_join() kept: text_end() looks
 * back over the closing quotes and brackets at the end, or from a
 * closing bracket to the one it closes (as matched from the left: the
 * same one, in valid UTF-8). */
static int
block_end(const struct block *b)
{
	const char	*s = b->b.data;
	size_t		 end;
	uint32_t	 cp;

	if (b->irregular || b->b.len == 0 || b->last == ' ' ||
	    b->last == '\t')
		return text_end(buf_cstr(&b->b), b->b.len);
	if (b->last == 0xFF09 || b->last == ')') {
		if (b->match == 0)
			return END_NONE;
		for (end = b->match - 1; end > 0 && s[end - 1] == ' '; end--)
			continue;
		cp = utf8_prev(s, end, NULL);
		return cp_is_stop(cp) || cp == 0 ? END_STRONG : END_NONE;
	}
	cp = b->prev1;
	if (cp == '.')
		return ascii_isdigit(b->prev2) || b->prev2 == 0 ? END_NONE :
		    END_STRONG;
	return cp_end_class(cp);
}

/* Is s[0..len) a column name: 2..COLUMN_MAX Han characters? */
static int
column_name(const char *s, size_t len)
{
	size_t		 i = 0, n, k = 0;
	uint32_t	 cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0 || !cp_is_han(cp) || ++k > COLUMN_MAX)
			return 0;
		i += n;
	}
	return k >= 2;
}

/* Is s[0..len) a column name as a table numbered by 序号 may write it
 * (2023年10-12月份进展情况): up to twice COLUMN_MAX code points, a Han
 * character among them, no sentence stop? */
static int
column_name_loose(const char *s, size_t len)
{
	size_t		 i = 0, k = 0, han = 0;
	uint32_t	 cp;

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp_is_stop(cp) || cp == 0xFF0C || cp == ',' ||
		    ++k > 2 * COLUMN_MAX)
			return 0;
		han += cp_is_han(cp);
	}
	return han > 0;
}

/* Does line s[0..len) start with the name of a column that numbers
 * rows (序号, 编号) and a blank? */
static int
numbering_first(const char *s, size_t len)
{
	return len > strlen("序号") && s[strlen("序号")] == ' ' &&
	    (memcmp(s, "序号", strlen("序号")) == 0 ||
	    memcmp(s, "编号", strlen("编号")) == 0);
}

/* The next blank-separated word of s[0..len) from *i on into *w, *wl
 * (*i moves past it).  Return 0 at the end. */
static int
next_word(const char *s, size_t len, size_t *i, const char **w, size_t *wl)
{
	size_t	 start;

	while (*i < len && s[*i] == ' ')
		(*i)++;
	if (*i == len)
		return 0;
	start = *i;
	while (*i < len && s[*i] != ' ')
		(*i)++;
	*w = s + start;
	*wl = *i - start;
	return 1;
}

/* Is s[0..len), its blanks left out, a column name (column_name(), or
 * column_name_loose() when loose)? */
static int
name_ok(const char *s, size_t len, int loose)
{
	char	 name[8 * COLUMN_MAX + 1];
	size_t	 k, m = 0;

	if (len >= sizeof(name))
		return 0;
	for (k = 0; k < len; k++)
		if (s[k] != ' ')
			name[m++] = s[k];
	return loose ? column_name_loose(name, m) : column_name(name, m);
}

/* Do words i and j of w[], wl[] say the same? */
static int
same_word(const char **w, const size_t *wl, size_t i, size_t j)
{
	return wl[i] == wl[j] && memcmp(w[i], w[j], wl[i]) == 0;
}

#define BROKEN_MAX	6	/* repeated words of a broken header at most */

/* Does word i of the n words w[], wl[] (the first left out) repeat? */
static int
repeats(const char **w, const size_t *wl, size_t n, size_t i)
{
	size_t	 j;

	for (j = 1; j < n; j++)
		if (j != i && same_word(w, wl, i, j))
			return 1;
	return 0;
}

/*
 * A header whose names broke over lines (a web page's table copied as
 * text: 牵头 领导 牵头 责任单位 主体 责任单位 配合 责任单位) repeats the
 * parts several names share.  Each repeated word is one side of the
 * names it is in, the same side each time: the start (牵头, joined to
 * the word after it) or the end (责任单位, joined to the word before).
 * Of every choice of sides whose joins leave no word in two names, none
 * with the first (序号), and names that are column names and all
 * different, the one that draws fewest words that do not repeat into
 * names (the header changes least: 牵头 领导 … rather than 2023年重点
 * 工作任务牵头 领导牵头 责任单位主体 …), when it is the only one: the n
 * words w[], wl[] joined so (a name's span keeps its blank); their new
 * number, or n when there is no such choice or a tie.
 */
static size_t
header_unbreak(const char **w, size_t *wl, size_t n, int loose)
{
	size_t	 rep[BROKEN_MAX], nrep = 0, i, j, k, m, nok = 0, drawn;
	size_t	 best = (size_t)-1;
	unsigned mask, okmask = 0;
	int	 join[33], bad;
	const char *nw[32];
	size_t	 nwl[32];

	if (n > 32)
		return n;
	for (i = 1; i < n; i++) {
		for (j = 1; j < i && !same_word(w, wl, i, j); j++)
			continue;
		if (j == i)
			for (k = i + 1; k < n; k++)
				if (same_word(w, wl, i, k)) {
					if (nrep == BROKEN_MAX)
						return n;
					rep[nrep++] = i;
					break;
				}
	}
	if (nrep == 0)
		return n;
	for (mask = 0; mask < (1u << nrep); mask++) {
		/* join[i]: word i joins word i + 1. */
		memset(join, 0, sizeof(join));
		bad = 0;
		for (i = 1; i < n && !bad; i++)
			for (k = 0; k < nrep; k++) {
				if (!same_word(w, wl, i, rep[k]))
					continue;
				j = (mask >> k) & 1 ? i : i - 1;
				if ((mask >> k) & 1 ? i + 1 >= n : i < 2)
					bad = 1;
				else
					join[j] = 1;
				break;
			}
		/* No word in two names, every name a column name and
		 * none twice; count the words drawn in that do not
		 * repeat. */
		for (i = 1, m = 0, drawn = 0; i < n && !bad; i++) {
			if (join[i] && (i + 1 >= n || join[i + 1]))
				bad = 1;
			else if (join[i]) {
				drawn += !repeats(w, wl, n, i) +
				    !repeats(w, wl, n, i + 1);
				nw[m] = w[i];
				nwl[m] = (size_t)(w[i + 1] + wl[i + 1] - w[i]);
				i++;
			} else {
				nw[m] = w[i];
				nwl[m] = wl[i];
			}
			if (!bad && !name_ok(nw[m], nwl[m], loose))
				bad = 1;
			for (k = 0; k < m && !bad; k++)
				if (same_word(nw, nwl, k, m))
					bad = 1;
			m++;
		}
		if (bad || drawn > best)
			continue;
		nok = drawn < best ? 1 : nok + 1;
		best = drawn;
		okmask = mask;
	}
	if (nok != 1)
		return n;
	/* Join as the one choice says. */
	memset(join, 0, sizeof(join));
	for (i = 1; i < n; i++)
		for (k = 0; k < nrep; k++)
			if (same_word(w, wl, i, rep[k])) {
				join[(okmask >> k) & 1 ? i : i - 1] = 1;
				break;
			}
	for (i = 1, m = 1; i < n; i++, m++) {
		nw[0] = w[i];
		nwl[0] = join[i] ? (size_t)(w[i + 1] + wl[i + 1] - w[i]) :
		    wl[i];
		if (join[i])
			i++;
		w[m] = nw[0];
		wl[m] = nwl[0];
	}
	return m;
}

/* Split line s into blank-separated words (at most max), the names of a
 * header broken over lines joined (header_unbreak()); return their
 * number, or 0 when one is not a column name (column_name(); when the
 * line starts with 序号, column_name_loose()). */
static size_t
header_words(const char *s, size_t len, const char **w, size_t *wl,
    size_t max)
{
	size_t	 i = 0, n = 0;
	int	 loose = numbering_first(s, len);

	while (n < max && next_word(s, len, &i, &w[n], &wl[n])) {
		if (!name_ok(w[n], wl[n], loose))
			return 0;
		n++;
	}
	if (n == max && next_word(s, len, &i, &w[0], &wl[0]))
		return 0;
	return header_unbreak(w, wl, n, loose);
}

/* Can s[0..len) be a column-header line at all: a first word no longer
 * than a column name can be (4 bytes a character at most), then two
 * blanks at least (MIN_COLUMNS words)?  A quick test before
 * header_words(). */
static int
header_like(const char *s, size_t len)
{
	const char	*sp;
	size_t		 i = 0, n;

	while (i < len && s[i] == ' ')
		i++;
	n = len - i < 4 * COLUMN_MAX + 1 ? len - i : 4 * COLUMN_MAX + 1;
	if ((sp = memchr(s + i, ' ', n)) == NULL)
		return 0;
	return memchr(sp + 1, ' ', (size_t)(s + len - sp - 1)) != NULL;
}

/* Does line l start row number v? */
static int
row_start(const struct line *l, int v)
{
	struct marker	 m;

	return marker_parse(l->s, l->len, &m) && m.style == M_AR_BARE &&
	    m.value == v;
}

/* Does line l start a row of a table numbered by 序号 that is an
 * excerpt (its first row is not 1): a number before the row's text? */
static int
row_first(const struct line *l)
{
	struct marker	 m;

	return marker_parse(l->s, l->len, &m) && m.style == M_AR_BARE &&
	    m.value >= 1 && m.len < l->len;
}

/* A column header written one name a line (序号 / 任务内容 / 进展情况,
 * blank lines between, as a web page's table copied as text leaves
 * it): from line i, a first column that numbers rows (序号, 编号), at
 * least MIN_COLUMNS names in all, at most 32.  The number of names, the
 * index of the last one in *last; 0 if none. */
static size_t
header_column(const struct text *t, size_t i, size_t to, size_t *last)
{
	size_t	 n = 0;

	if ((t->v[i].len != strlen("序号") || (memcmp(t->v[i].s, "序号",
	    t->v[i].len) != 0 && memcmp(t->v[i].s, "编号", t->v[i].len) !=
	    0)))
		return 0;
	for (; i < to && n < 32; i++) {
		if (t->v[i].len == 0)
			continue;
		if (!column_name(t->v[i].s, t->v[i].len))
			break;
		*last = i;
		n++;
	}
	return n >= MIN_COLUMNS ? n : 0;
}

/* The rows whose category front matter names (category-rows: 3 二,
 * 5 三, 26 十三): for a boundary the text leaves open, the same as the
 * label written after the row's number, without editing the text as
 * issued.  Each becomes that row's own label (inline), among the labels
 * in their order; a row or category the table lacks is a warning. */
static void
front_categories(struct table *tb, struct diags *d)
{
	const char	*v = NULL, *p;
	struct label	 lb;
	size_t		 i, k, j, used;
	int		 row, cat;

	for (i = 0; i < tb->doc->nextra; i++)
		if (tb->doc->extra[i].key != NULL &&
		    strcmp(tb->doc->extra[i].key, "category-rows") == 0)
			v = tb->doc->extra[i].value;
	for (p = v; p != NULL && *p != '\0'; ) {
		while (*p == ' ' || *p == ',' || strncmp(p, "，", 3) == 0 ||
		    strncmp(p, "、", 3) == 0)
			p += (unsigned char)*p < 0x80 ? 1 : 3;
		if (*p == '\0')
			break;
		for (row = 0; ascii_isdigit(*p) && row < 100000; p++)
			row = row * 10 + (*p - '0');
		while (*p == ' ')
			p++;
		cat = cn_numeral(p, strlen(p), &used);
		if (cat <= 0) {
			diag_add_id(d, tb->doc->source, 0, 0, SEV_WARNING,
			    "front-matter", "category-rows: expected a row's "
			    "number and a category's numeral (3 二), at \"%.20s\"",
			    p);
			return;
		}
		p += used;
		for (k = 0; k < tb->nrows && (tb->rows[k]->num == NULL ||
		    atoi(tb->rows[k]->num) != row); k++)
			continue;
		for (j = 0; j < tb->nlabels && tb->labels[j].value != cat; j++)
			continue;
		if (k == tb->nrows || j == tb->nlabels) {
			diag_add_id(d, tb->doc->source, 0, 0, SEV_WARNING,
			    "category-unplaced", "category-rows: the table has "
			    "no %s %d", k == tb->nrows ? "row" : "category",
			    k == tb->nrows ? row : cat);
			continue;
		}
		lb = tb->labels[j];
		lb.line = tb->rows[k]->line;
		lb.pos = k + 1;
		lb.inline_ = 1;
		if (tb->nlabels == tb->caplabels) {
			tb->caplabels = 2 * tb->caplabels;
			tb->labels = xreallocarray(tb->labels, tb->caplabels,
			    sizeof(*tb->labels));
		}
		for (j = 0; j < tb->nlabels && (tb->labels[j].pos < lb.pos ||
		    (tb->labels[j].pos == lb.pos && tb->labels[j].inline_));
		    j++)
			continue;
		memmove(&tb->labels[j + 1], &tb->labels[j],
		    (tb->nlabels - j) * sizeof(*tb->labels));
		tb->labels[j] = lb;
		tb->nlabels++;
	}
}

/* Index of the column-header line of a table report (its first line
 * when it is written one name a line), or -1. */
long
table_find(const struct text *t, size_t from, size_t to)
{
	const char	*w[32];
	size_t		 wl[32], i, j, end;

	for (i = from; i < to; i++) {
		if (header_like(t->v[i].s, t->v[i].len) &&
		    header_words(t->v[i].s, t->v[i].len, w, wl, 32) >=
		    MIN_COLUMNS)
			end = i;
		else if (header_column(t, i, to, &end) == 0)
			continue;
		for (j = end + 1; j < to && t->v[j].len == 0; j++)
			continue;
		if (j < to && (row_start(&t->v[j], 1) || (end == i &&
		    numbering_first(t->v[i].s, t->v[i].len) &&
		    row_first(&t->v[j]))))
			return (long)i;
	}
	return -1;
}

/* Is block b a category label: 一、政策法规制定? */
static int
is_category(const struct block *b)
{
	struct marker	 m;
	size_t		 i = 0, n = 0;
	uint32_t	 cp;

	if (!marker_parse(b->b.data, b->b.len, &m) || m.style != M_CN_DUN)
		return 0;
	while (i < b->b.len) {
		size_t	 k = utf8_decode(b->b.data + i, b->b.len - i, &cp);

		i += k ? k : 1;
		if (cp_is_stop(cp) || cp == 0xFF1B || ++n > CATEGORY_MAX)
			return 0;
	}
	return 1;
}

/* A paragraph for a block that belongs to no row. */
static void
stray_block(struct table *tb, const struct block *b)
{
	struct node	*p;

	p = node_append(tb->parent, node_new(tb->doc, NODE_PARAGRAPH,
	    b->line));
	p->text = arena_strndup(&tb->doc->arena, b->b.data, b->b.len);
	tb->list = NULL;
}

/* Record block b, a category label, standing inside the open row right
 * after its number (inl) or after the rows so far. */
static void
add_label(struct table *tb, const struct block *b, int inl)
{
	struct label	*lb;
	struct marker	 m;

	if (tb->nlabels == tb->caplabels) {
		tb->caplabels = tb->caplabels ? 2 * tb->caplabels : 16;
		tb->labels = xreallocarray(tb->labels, tb->caplabels,
		    sizeof(*tb->labels));
	}
	marker_parse(b->b.data, b->b.len, &m);
	lb = &tb->labels[tb->nlabels++];
	lb->value = m.value;
	lb->text = arena_strndup(&tb->doc->arena, b->b.data, b->b.len);
	lb->line = b->line;
	lb->pos = tb->nrows;
	lb->inline_ = inl;
}

/* The offset just past the last sentence stop (。；！？) of s[0..len)
 * that text follows, or 0. */
static size_t
after_last_stop(const char *s, size_t len)
{
	size_t	 i = 0, at = 0;
	uint32_t cp;

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp_is_stop(cp) && cp >= 0x80 && i < len)
			at = i;
	}
	return at;
}

/* Can a row of n words fill all columns: one word a column, or one
 * less with three at least (a web page's table copied as text leaves
 * out an empty last cell, 备注)? */
static int
row_fits(size_t n, size_t all)
{
	return n == all || (n + 1 == all && n >= 3);
}

/* A row written on one line, its cells apart by blanks (a table saved
 * as text with tabs, or a web page's table copied as text): when its
 * words fill the columns (row_fits()), set them and return 1.  The
 * text layer writes no blank next to CJK punctuation, so a cell ending
 * in 。 runs into the next one (提升。吴蓓蓓): the words may also be
 * read cut after the last stop (。；！？) of each that text follows.
 * When both readings fit (a cell of two words, 区卫生健康委 区财政局,
 * or an empty one?) the row is left whole. */
static int
one_line_row(struct table *tb, const struct block *b)
{
	const char	*w[65];
	size_t		 wl[65], at[33], n = 0, i = 0, k, cut = 0, all;
	int		 as_is, as_cut;

	all = tb->ncols + (size_t)tb->has_category;
	if (tb->row == NULL || b->nlines != 1 || all < 2 || all > 32)
		return 0;
	while (next_word(b->b.data, b->b.len, &i, &w[n], &wl[n]))
		if (++n > all)
			return 0;
	for (k = 0; k < n; k++)
		cut += (at[k] = after_last_stop(w[k], wl[k])) != 0;
	as_is = row_fits(n, all);
	as_cut = cut > 0 && row_fits(n + cut, all);
	if (as_is == as_cut)
		return 0;
	for (k = n; as_cut && k-- > 0; ) {
		if (at[k] == 0)
			continue;
		memmove(&w[k + 2], &w[k + 1], (n - k - 1) * sizeof(*w));
		memmove(&wl[k + 2], &wl[k + 1], (n - k - 1) * sizeof(*wl));
		w[k + 1] = w[k] + at[k];
		wl[k + 1] = wl[k] - at[k];
		wl[k] = at[k];
		n++;
	}
	for (i = 0; i < n; i++)
		node_set_field(tb->doc, tb->row, tb->cols[i], w[i], wl[i]);
	tb->row->text = arena_strndup(&tb->doc->arena, w[tb->has_category],
	    wl[tb->has_category]);
	tb->row->title = arena_strndup(&tb->doc->arena, tb->row->text,
	    first_sentence(tb->row->text, strlen(tb->row->text)));
	return 1;
}

/* Set the cells of the open row from its blocks, then forget them. */
static void
close_row(struct table *tb)
{
	struct node	*r = tb->row;
	struct buf	 last = BUF_INIT;
	size_t		 i, col = 0;
	int		 first = 1;

	if (tb->nblocks == 1 && one_line_row(tb, &tb->blocks[0]))
		i = tb->nblocks;
	else
		i = 0;
	for (; i < tb->nblocks; i++) {
		struct block	*b = &tb->blocks[i];

		if (b->b.len == 0)
			continue;
		if (is_category(b)) {
			if (tb->has_category)
				add_label(tb, b, r != NULL && first);
			else
				stray_block(tb, b);
			first = 0;
			continue;
		}
		first = 0;
		if (r == NULL) {
			stray_block(tb, b);
			continue;
		}
		if (col + 1 < tb->ncols) {
			node_set_field(tb->doc, r,
			    tb->cols[col + tb->has_category], b->b.data,
			    b->b.len);
			if (col == 0) {
				r->text = arena_strndup(&tb->doc->arena,
				    b->b.data, b->b.len);
				r->title = arena_strndup(&tb->doc->arena,
				    b->b.data, first_sentence(b->b.data,
				    b->b.len));
			}
			col++;
		} else
			join_line(&last, b->b.data, b->b.len);
	}
	if (r != NULL && last.len > 0 && tb->ncols > 0) {
		node_set_field(tb->doc, r,
		    tb->cols[tb->ncols - 1 + tb->has_category], last.data,
		    last.len);
		if (tb->ncols == 1) {
			r->text = arena_strndup(&tb->doc->arena, last.data,
			    last.len);
			r->title = arena_strndup(&tb->doc->arena, last.data,
			    first_sentence(last.data, last.len));
		}
	}
	buf_free(&last);
	for (i = 0; i < tb->nblocks; i++) {
		buf_free(&tb->blocks[i].b);
		free(tb->blocks[i].opens);
	}
	tb->nblocks = 0;
	tb->open = 0;
	tb->row = NULL;
}

/* Open a row at line l, numbered by m (marker_parse of l); text after
 * the number starts a cell. */
static void
open_row(struct table *tb, const struct line *l, const struct marker *m)
{
	struct node	*r;

	close_row(tb);
	if (tb->list == NULL || tb->parent->last != tb->list) {
		tb->list = node_append(tb->parent, node_new(tb->doc,
		    NODE_LIST, l->no));
		tb->list->style = LIST_BLOCK;
	}
	r = node_append(tb->list, node_new(tb->doc, NODE_ITEM, l->no));
	if (tb->nrows == tb->caprows) {
		tb->caprows = tb->caprows ? 2 * tb->caprows : 64;
		tb->rows = xreallocarray(tb->rows, tb->caprows,
		    sizeof(*tb->rows));
	}
	tb->rows[tb->nrows++] = r;
	r->col = 1 + l->indent;
	r->num = arena_printf(&tb->doc->arena, "%d", m->value);
	r->label = arena_strndup(&tb->doc->arena, l->s + m->labstart,
	    m->lablen);
	tb->row = r;
	tb->last = m->value;
	if (m->len < l->len) {
		struct block	*b = &tb->blocks[tb->nblocks++];

		memset(b, 0, sizeof(*b));
		b->line = l->no;
		block_join(b, l->s + m->len, l->len - m->len);
		b->lastw = width(l->s + m->len, l->len - m->len);
		b->nlines = 1;
		tb->open = 1;
	}
}

/* Does the open block go on with line l (dun: it starts with a marker
 * 一、) after a blank line (a page break inside a cell)? */
static int
bridges(const struct table *tb, const struct line *l, int dun)
{
	const struct block	*b;
	int			 ref, next;

	if (tb->nblocks == 0 || tb->by_line)
		return 0;
	b = &tb->blocks[tb->nblocks - 1];
	if (block_end(b) == END_STRONG)
		return 0;
	if (dun)
		return 0;
	/* A category label on one line (after a row's number) is whole. */
	if (tb->has_category && b->nlines == 1 && is_category(b))
		return 0;
	next = width(l->s, l->len);
	ref = b->nlines > 1 ? b->maxw : next;
	/* A wider line belongs to another column. */
	if (b->nlines > 1 && next * 100 > ref * 120)
		return 0;
	return ref > 0 && b->lastw * 100 >= ref * 80 &&
	    b->lastw * 100 <= ref * 120;
}

/* Add line l to the row: to the open block, or as a new block (dun: l
 * starts with a marker 一、). */
static void
add_line(struct table *tb, const struct line *l, int after_blank, int dun)
{
	struct block	*b;

	if (tb->open && after_blank && !bridges(tb, l, dun))
		tb->open = 0;
	if (tb->open && !after_blank && tb->nblocks > 0 && dun &&
	    block_end(&tb->blocks[tb->nblocks - 1]) == END_STRONG)
		tb->open = 0;
	if (!tb->open) {
		if (tb->nblocks == MAX_BLOCKS) {
			/* Too many cells: the rest joins the last. */
			tb->open = 1;
		} else {
			b = &tb->blocks[tb->nblocks++];
			memset(b, 0, sizeof(*b));
			b->line = l->no;
			tb->open = 1;
		}
	}
	b = &tb->blocks[tb->nblocks - 1];
	if (b->nlines > 0 && b->lastw > b->maxw)
		b->maxw = b->lastw;
	block_join(b, l->s, l->len);
	b->lastw = width(l->s, l->len);
	b->nlines++;
}

/* Is line l a repeated page header or column-header line? */
static int
page_furniture(const struct table *tb, const struct line *l)
{
	if (l->len == tb->hdrlen && memcmp(l->s, tb->hdr, l->len) == 0)
		return 1;
	return tb->t->header != NULL && tb->headerlen == l->len &&
	    memcmp(l->s, tb->t->header, l->len) == 0;
}

/* ---- Placing category labels on rows (docs/parsing.md table-category) ---- */

#define W_ROW		1LL		/* a row takes a category not printed
					 * among its stretch's labels */
#define W_LABEL		1000000LL	/* a label no row of its stretch takes */
#define W_INLINE	2000000LL	/* a row's own label not taken: as two
					 * labels, so that one label out of
					 * order loses to it, and three to one
					 * row's label out of order win */

/* What place_categories() works on: the categories (the labels'
 * distinct values, in order), the stretches of rows that runs of labels
 * end, and for each row its stretch and its own label. */
struct place {
	size_t		 n;		/* rows */
	size_t		 k;		/* categories */
	size_t		 nseg;		/* stretches */
	int		*value;		/* [k]: the numeral of each */
	const char	**text;		/* [k]: its label as first written */
	size_t		*seg;		/* [n]: the stretch of each row */
	long		*own;		/* [n]: its own category, or -1 */
	unsigned char	*has;		/* [nseg]: the stretch has labels */
	int		*cnt;		/* [nseg][k + 1]: its labels below c */
};

/* Labels of stretch s below category c. */
#define CNT(p, s, c)	((long long)(p)->cnt[(s) * ((p)->k + 1) + (c)])
/* Labels of stretch s above category c. */
#define ABOVE(p, s, c)	(CNT(p, s, (p)->k) - CNT(p, s, (c) + 1))

/* Cost of row r taking category c, by itself. */
static long long
place_row(const struct place *p, size_t r, size_t c)
{
	size_t	 s = p->seg[r];

	if (p->own[r] >= 0)
		return (size_t)p->own[r] == c ? 0 : W_INLINE;
	if (p->has[s] && CNT(p, s, c + 1) == CNT(p, s, c))
		return W_ROW;
	return 0;
}

/* Cost of going from category a at row r - 1 to b >= a at row r: the
 * labels passed over, and a change of category in a stretch without
 * labels (where rows go on with the category before them).  For a < b
 * it is place_from(a) + place_to(b) + place_chg(). */
static long long
place_from(const struct place *p, size_t r, size_t a)
{
	size_t	 s = p->seg[r], t = p->seg[r - 1];

	return s == t ? -W_LABEL * CNT(p, s, a + 1) : W_LABEL * ABOVE(p, t, a);
}

static long long
place_to(const struct place *p, size_t r, size_t b)
{
	return W_LABEL * CNT(p, p->seg[r], b);
}

static long long
place_chg(const struct place *p, size_t r)
{
	return !p->has[p->seg[r]] && p->own[r] < 0 ? W_ROW : 0;
}

static long long
place_step(const struct place *p, size_t r, size_t a, size_t b)
{
	size_t	 s = p->seg[r], t = p->seg[r - 1];

	if (b > a)
		return place_from(p, r, a) + place_to(p, r, b) +
		    place_chg(p, r);
	return s == t ? 0 : W_LABEL * (ABOVE(p, t, a) + CNT(p, s, b));
}

/* Index of the category of value v (p->value is sorted). */
static size_t
place_find(const struct place *p, int v)
{
	size_t	 lo = 0, hi = p->k;

	while (hi - lo > 1) {
		size_t	 mid = (lo + hi) / 2;

		if (p->value[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* qsort() order of ints. */
static int
int_cmp(const void *a, const void *b)
{
	int	 x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* Set up p for tb's rows and labels; return 0, or -1 when the table is
 * too large to place (p left empty). */
static int
place_init(struct place *p, const struct table *tb)
{
	size_t	 i, r, s, c, nb = 0, *bound;

	memset(p, 0, sizeof(*p));
	p->n = tb->nrows;
	p->value = xcalloc(tb->nlabels, sizeof(*p->value));
	for (i = 0; i < tb->nlabels; i++)
		p->value[i] = tb->labels[i].value;
	qsort(p->value, tb->nlabels, sizeof(*p->value), int_cmp);
	for (i = 0; i < tb->nlabels; i++)
		if (p->k == 0 || p->value[p->k - 1] != p->value[i])
			p->value[p->k++] = p->value[i];
	if (p->n * p->k > PLACE_MAX) {
		free(p->value);
		p->value = NULL;
		return -1;
	}
	p->text = xcalloc(p->k, sizeof(*p->text));
	/* Stretches: a run of labels after row pos (0 < pos < n) ends
	 * one; labels before the first row count with the first. */
	bound = xcalloc(tb->nlabels + 1, sizeof(*bound));
	for (i = 0; i < tb->nlabels; i++)
		if (!tb->labels[i].inline_ && tb->labels[i].pos > 0 &&
		    tb->labels[i].pos < p->n &&
		    (nb == 0 || bound[nb - 1] != tb->labels[i].pos))
			bound[nb++] = tb->labels[i].pos;
	p->nseg = nb + 1;
	p->seg = xcalloc(p->n, sizeof(*p->seg));
	p->own = xcalloc(p->n, sizeof(*p->own));
	for (r = 0, s = 0; r < p->n; r++) {
		while (s < nb && bound[s] <= r)
			s++;
		p->seg[r] = s;
		p->own[r] = -1;
	}
	free(bound);
	p->has = xcalloc(p->nseg, 1);
	p->cnt = xcalloc(p->nseg * (p->k + 1), sizeof(*p->cnt));
	for (i = 0; i < tb->nlabels; i++) {
		const struct label	*lb = &tb->labels[i];

		c = place_find(p, lb->value);
		if (p->text[c] == NULL)
			p->text[c] = lb->text;
		if (lb->inline_) {
			if (p->own[lb->pos - 1] < 0)
				p->own[lb->pos - 1] = (long)c;
			continue;
		}
		s = lb->pos == 0 ? 0 : p->seg[lb->pos - 1];
		p->has[s] = 1;
		p->cnt[s * (p->k + 1) + c + 1] = 1;	/* a flag for now */
	}
	for (s = 0; s < p->nseg; s++)
		for (c = 0; c < p->k; c++)
			p->cnt[s * (p->k + 1) + c + 1] +=
			    p->cnt[s * (p->k + 1) + c];
	return 0;
}

static void
place_free(struct place *p)
{
	free(p->value);
	free(p->text);
	free(p->seg);
	free(p->own);
	free(p->has);
	free(p->cnt);
}

/* f[r][c]: least cost of rows 0..r with row r in c, its own cost in;
 * g[r][c]: least cost of what follows row r given row r in c, the end
 * of the last stretch in.  Each by a running minimum over the
 * categories: O(rows × categories). */
static void
place_costs(const struct place *p, long long *f, long long *g)
{
	size_t		 r, c, k = p->k, n = p->n;
	long long	 m, v;

	for (c = 0; c < k; c++)
		f[c] = W_LABEL * CNT(p, p->seg[0], c) + place_row(p, 0, c);
	for (r = 1; r < n; r++) {
		const long long	*pf = f + (r - 1) * k;
		long long	*cf = f + r * k;

		m = 0;
		for (c = 0; c < k; c++) {
			cf[c] = pf[c] + place_step(p, r, c, c);
			if (c > 0 && (v = m + place_to(p, r, c) +
			    place_chg(p, r)) < cf[c])
				cf[c] = v;
			cf[c] += place_row(p, r, c);
			v = pf[c] + place_from(p, r, c);
			if (c == 0 || v < m)
				m = v;
		}
	}
	for (c = 0; c < k; c++)
		g[(n - 1) * k + c] = W_LABEL * ABOVE(p, p->seg[n - 1], c);
	for (r = n - 1; r-- > 0; ) {
		const long long	*ng = g + (r + 1) * k;
		long long	*cg = g + r * k;

		m = 0;
		for (c = k; c-- > 0; ) {
			cg[c] = place_step(p, r + 1, c, c) +
			    place_row(p, r + 1, c) + ng[c];
			if (c + 1 < k && (v = place_from(p, r + 1, c) + m +
			    place_chg(p, r + 1)) < cg[c])
				cg[c] = v;
			v = place_to(p, r + 1, c) + place_row(p, r + 1, c) +
			    ng[c];
			if (c + 1 == k || v < m)
				m = v;
		}
	}
}

/* Give every row of tb its category (node->category and the category
 * column's field) by the rule above, and name the category column;
 * warn, as category-unplaced, of a label no row takes and, as
 * category-guess, of a boundary between two categories that the text
 * leaves open.  A table too large to place (rows × categories over
 * PLACE_MAX) keeps only its rows' own labels, with a warning. */
static void
place_categories(struct table *tb, struct diags *d)
{
	struct place	 p;
	long long	*f, *g, opt, acc, w = 0;
	size_t		 i, r, c, k, *cat, *lo, *hi, first;
	const char	*src = tb->doc->source;
	unsigned char	*took;

	if (tb->nrows == 0)
		return;
	if (place_init(&p, tb) < 0) {
		diag_add_id(d, src, tb->labels[0].line, 0, SEV_WARNING,
		    "category-unplaced", "a table of %zu rows and more than "
		    "%d cells with categories: only the labels right after "
		    "a row's number are placed", tb->nrows, PLACE_MAX);
		for (i = 0; i < tb->nlabels; i++)
			if (tb->labels[i].inline_)
				node_set_field(tb->doc,
				    tb->rows[tb->labels[i].pos - 1],
				    tb->cols[0], tb->labels[i].text,
				    strlen(tb->labels[i].text));
		return;
	}
	tb->doc->category_column = tb->cols[0];
	k = p.k;
	f = xcalloc(p.n * k, sizeof(*f));
	g = xcalloc(p.n * k, sizeof(*g));
	place_costs(&p, f, g);
	opt = f[0] + g[0];
	for (c = 1; c < k; c++)
		if (f[c] + g[c] < opt)
			opt = f[c] + g[c];
	/* The categories each row can have at that cost: lo..hi. */
	lo = xcalloc(p.n, sizeof(*lo));
	hi = xcalloc(p.n, sizeof(*hi));
	for (r = 0; r < p.n; r++) {
		lo[r] = k;
		for (c = 0; c < k; c++)
			if (f[r * k + c] + g[r * k + c] == opt) {
				if (lo[r] == k)
					lo[r] = c;
				hi[r] = c;
			}
	}
	/* The assignment: at each row the first category that keeps the
	 * least cost, so that a category runs on as long as it can. */
	cat = xcalloc(p.n, sizeof(*cat));
	for (c = 0; f[c] + g[c] != opt; c++)
		continue;
	cat[0] = c;
	acc = f[c];
	for (r = 1; r < p.n; r++) {
		for (c = cat[r - 1]; c < k; c++) {
			w = place_step(&p, r, cat[r - 1], c) +
			    place_row(&p, r, c);
			if (acc + w + g[r * k + c] == opt)
				break;
		}
		if (c == k)	/* cannot be: opt is reached from here */
			c = cat[r - 1];
		else
			acc += w;
		cat[r] = c;
	}
	for (r = 0; r < p.n; r++) {
		struct node	*row = tb->rows[r];
		const char	*t = p.text[cat[r]];

		if (p.own[r] >= 0 && (size_t)p.own[r] != cat[r])
			diag_add_id(d, src, row->line, 0, SEV_WARNING,
			    "category-unplaced", "row %s: its category label "
			    "\"%s\" cannot be placed: the rows around it go "
			    "through the categories in another order",
			    row->num, p.text[p.own[r]]);
		row->category = t;
		node_set_field(tb->doc, row, tb->cols[0], t, strlen(t));
		/* A boundary the text leaves open: the category could
		 * have begun earlier, and no label says where. */
		if (r == 0 || cat[r] == cat[r - 1] ||
		    (p.own[r] >= 0 && (size_t)p.own[r] == cat[r]))
			continue;
		for (first = r; first > 0 && hi[first - 1] >= cat[r] &&
		    lo[first - 1] <= cat[r - 1]; first--)
			continue;
		if (first < r)
			diag_add_id(d, src, row->line, 0, SEV_WARNING,
			    "category-guess", "rows %s-%s: the text does not "
			    "tell where \"%s\" begins (placed at row %s); "
			    "write the label after the number of its first "
			    "row", tb->rows[first]->num, row->num, t,
			    row->num);
	}
	/* A label that no row of its stretch took. */
	took = xcalloc(p.nseg * k, 1);
	for (r = 0; r < p.n; r++)
		took[p.seg[r] * k + cat[r]] = 1;
	for (i = 0; i < tb->nlabels; i++) {
		const struct label	*lb = &tb->labels[i];
		size_t			 s;

		if (lb->inline_)
			continue;
		s = lb->pos == 0 ? 0 : p.seg[lb->pos - 1];
		if (!took[s * k + place_find(&p, lb->value)])
			diag_add_id(d, src, lb->line, 0, SEV_WARNING,
			    "category-unplaced", "category label \"%s\" "
			    "cannot be placed: no row before it on its page "
			    "can take it in the order of the categories",
			    lb->text);
	}
	free(took);
	free(cat);
	free(lo);
	free(hi);
	free(f);
	free(g);
	place_free(&p);
}

/* Parse the table whose header is line hdr into rows under parent. */
int
table_parse(struct doc *doc, const struct text *t, size_t hdr, size_t to,
    struct node *parent, struct diags *d)
{
	struct table	 tb;
	struct marker	 m;
	const char	*w[32];
	size_t		 wl[32], n, i, k, last;
	int		 blank = 0;

	memset(&tb, 0, sizeof(tb));
	tb.doc = doc;
	tb.t = t;
	tb.parent = parent;
	tb.hdr = t->v[hdr].s;
	tb.hdrlen = t->v[hdr].len;
	tb.headerlen = t->header != NULL ? strlen(t->header) : 0;
	if (!header_like(tb.hdr, tb.hdrlen) &&
	    (n = header_column(t, hdr, to, &last)) > 0) {
		/* One name a line: the names as one line. */
		for (i = hdr, k = 0; i <= last; i++)
			if (t->v[i].len > 0) {
				w[k] = t->v[i].s;
				wl[k++] = t->v[i].len;
			}
		hdr = last;
		tb.by_line = 1;
	} else
		n = header_words(tb.hdr, tb.hdrlen, w, wl, 32);
	/* The first column numbers the rows. */
	for (i = 1; i < n; i++) {
		char	 name[8 * COLUMN_MAX + 1];
		size_t	 c, j, nl = 0;

		/* A name broken over lines, without its blanks. */
		for (j = 0; j < wl[i] && nl < sizeof(name); j++)
			if (w[i][j] != ' ')
				name[nl++] = w[i][j];
		c = doc_add_column(doc, name, nl);
		tb.cols[i - 1] = doc->columns[c];
	}
	tb.ncols = n - 1;
	/* Does a category column span rows (blocks numbered 一、)? */
	for (i = hdr + 1; i < to && !tb.has_category; i++) {
		if (t->v[i].len > 0 && marker_parse(t->v[i].s, t->v[i].len,
		    &m) && m.style == M_CN_DUN && m.cn)
			tb.has_category = tb.ncols > 1;
	}
	if (tb.has_category)
		tb.ncols--;
	for (i = hdr + 1; i < to; i++) {
		const struct line	*l = &t->v[i];

		if (l->len == 0) {
			blank = 1;
			continue;
		}
		if (page_furniture(&tb, l))
			continue;
		marker_parse(l->s, l->len, &m);
		if (tb.nrows == 0 && !tb.excerpt && m.style == M_AR_BARE &&
		    m.value > 1 && m.len < l->len &&
		    numbering_first(tb.hdr, tb.hdrlen)) {
			/* An excerpt of a longer table (81, 85, 87 …). */
			tb.excerpt = 1;
			tb.last = m.value - 1;
		}
		if (m.style == M_AR_BARE && (m.value == tb.last + 1 ||
		    (tb.excerpt && m.value > tb.last && m.value <=
		    tb.last + ROW_GAP && m.len < l->len))) {
			open_row(&tb, l, &m);
			blank = 0;
			continue;
		}
		add_line(&tb, l, blank, m.style == M_CN_DUN);
		blank = 0;
	}
	close_row(&tb);
	if (tb.has_category && tb.nlabels > 0) {
		front_categories(&tb, d);
		place_categories(&tb, d);
	}
	free(tb.rows);
	free(tb.labels);
	return 0;
}

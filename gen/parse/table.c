/*
 * table.c — table reports: a line of column names (序号 主要职责 年度任务
 * …) followed by rows, each starting with its number (alone on its line
 * or before the first cell's text) and continuing with its cells as
 * blocks of lines separated by blank lines, as PDF extraction leaves
 * them.
 *
 * Rows are found by their numbers, which must count 1, 2, 3 …; cells by
 * their order.  A category column whose cells span several rows (主要职责)
 * shows as blocks numbered 一、 二、 …: such a block right after a row's
 * number is that row's category; elsewhere it belongs to no row and is
 * kept as a paragraph between rows.  A blank line inside a cell (a page
 * break) is bridged when the line before it is full and ends
 * mid-sentence.  Linear in the text.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse_int.h"

#define MIN_COLUMNS	3
#define COLUMN_MAX	12	/* code points of a column name at most */
#define CATEGORY_MAX	30	/* code points of a category label at most */
#define MAX_BLOCKS	16	/* cells of one row kept apart at most */

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
	struct node		*row;		/* the open row */
	int			 last;		/* its number */
	struct block		 blocks[MAX_BLOCKS];
	size_t			 nblocks;
	int			 open;		/* the last block takes lines */
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
	if (cp_is_stop(cp))
		return END_STRONG;
	if (cp == 0xFF1B || cp == 0xFF1A || cp == ';' || cp == ':' ||
	    cp == 0xFF0C || cp == 0x3001 || cp == ',')
		return END_WEAK;
	return END_NONE;
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

/* Split line s into blank-separated words (at most max); return their
 * number, or 0 when one is not a column name. */
static size_t
header_words(const char *s, size_t len, const char **w, size_t *wl,
    size_t max)
{
	size_t	 i = 0, start, n = 0;

	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && s[i] != ' ')
			i++;
		if (n == max || !column_name(s + start, i - start))
			return 0;
		w[n] = s + start;
		wl[n++] = i - start;
	}
	return n;
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

/* Index of the column-header line of a table report, or -1. */
long
table_find(const struct text *t, size_t from, size_t to)
{
	const char	*w[32];
	size_t		 wl[32], i, j;

	for (i = from; i < to; i++) {
		if (!header_like(t->v[i].s, t->v[i].len) ||
		    header_words(t->v[i].s, t->v[i].len, w, wl, 32) <
		    MIN_COLUMNS)
			continue;
		for (j = i + 1; j < to && t->v[j].len == 0; j++)
			continue;
		if (j < to && row_start(&t->v[j], 1))
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

/* A row written on one line, its cells apart by blanks (a table saved
 * as text with tabs): when the line has exactly one word a column, set
 * them and return 1. */
static int
one_line_row(struct table *tb, const struct block *b)
{
	const char	*w[32];
	size_t		 wl[32], n = 0, i = 0, start, all;

	all = tb->ncols + (size_t)tb->has_category;
	if (tb->row == NULL || b->nlines != 1 || all < 2 || all > 32)
		return 0;
	while (i < b->b.len) {
		while (i < b->b.len && b->b.data[i] == ' ')
			i++;
		if (i == b->b.len)
			break;
		start = i;
		while (i < b->b.len && b->b.data[i] != ' ')
			i++;
		if (n == all)
			return 0;
		w[n] = b->b.data + start;
		wl[n++] = i - start;
	}
	if (n != all)
		return 0;
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
			if (r != NULL && first && tb->has_category)
				node_set_field(tb->doc, r, tb->cols[0],
				    b->b.data, b->b.len);
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

	if (tb->nblocks == 0)
		return 0;
	b = &tb->blocks[tb->nblocks - 1];
	if (block_end(b) == END_STRONG)
		return 0;
	if (dun)
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

/* Parse the table whose header is line hdr into rows under parent. */
int
table_parse(struct doc *doc, const struct text *t, size_t hdr, size_t to,
    struct node *parent, struct diags *d)
{
	struct table	 tb;
	struct marker	 m;
	const char	*w[32];
	size_t		 wl[32], n, i;
	int		 blank = 0;

	(void)d;
	memset(&tb, 0, sizeof(tb));
	tb.doc = doc;
	tb.t = t;
	tb.parent = parent;
	tb.hdr = t->v[hdr].s;
	tb.hdrlen = t->v[hdr].len;
	tb.headerlen = t->header != NULL ? strlen(t->header) : 0;
	n = header_words(tb.hdr, tb.hdrlen, w, wl, 32);
	/* The first column numbers the rows. */
	for (i = 1; i < n; i++) {
		size_t	 c = doc_add_column(doc, w[i], wl[i]);

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
		if (m.style == M_AR_BARE && m.value == tb.last + 1) {
			open_row(&tb, l, &m);
			blank = 0;
			continue;
		}
		add_line(&tb, l, blank, m.style == M_CN_DUN);
		blank = 0;
	}
	close_row(&tb);
	return 0;
}

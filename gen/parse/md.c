/*
 * md.c — Markdown to the document tree through cmark.  The only file
 * that includes cmark.h.
 *
 * cmark's AST is walked with cmark_iter (no recursion anywhere):
 *  - A lone level-1 heading that comes first is the document's title
 *    (not a section) when front matter gave no title or the same one.
 *    Other headings that are children of the document become sections
 *    nested by heading level; a section's level is its depth (so the
 *    shallowest heading level used is level 1) and a skipped level is
 *    warned about.  Chinese numbering in heading text (一、 （二） 1.
 *    第三章 亮点一：) gives num and label through marker_parse(); a
 *    numeral the sections already use decides the level instead of the
 *    heading level (### 三、 after ## 二、 is top-level), and a heading
 *    numbered 1. 1、 （1） below a section numbered 一、 or （一） is an
 *    item (docs/parsing.md, md-numeral-level).
 *  - Ordered and bullet lists become block lists of items.  Ordered:
 *    num = list start + index, label "N." or "N)".  Bullet: num null,
 *    label the bullet as written ("-", "*" or "+").  An item's first
 *    paragraph is its text (title: first sentence, or a short lead-in
 *    before a colon); later paragraphs, nested lists and headings
 *    inside it become its children.
 *  - Trailing parenthesised annotations of headings, items and the
 *    first cell of table rows (（办实事项目25）, （牵头单位：…）,
 *    （…负责）) are cut and kept as tags.
 *  - Paragraphs keep their text with inline markup flattened; inline
 *    HTML, HTML blocks and thematic breaks are dropped; code blocks
 *    become paragraphs of their literal text; block quotes are
 *    transparent; headings inside items or quotes become paragraphs.
 *  - A soft or hard line break is dropped when the character on either
 *    side is CJK (Chinese wraps anywhere, before digits too, as the
 *    plain-text front end assumes) and is one space between others.
 *  - cmark has no tables: a top-level paragraph whose first line is a
 *    pipe row, second a delimiter row with as many cells, and every
 *    other line a pipe row becomes a table report (columns added to
 *    the document, one item with fields per row; a first column headed
 *    序号 or holding numbers gives num).  Cells are kept as written
 *    (only backslash escapes are removed).
 *  - Lines of top-level paragraphs that start with a numbering marker
 *    cmark does not take as a list open sections (一、 （一）, split
 *    like a heading that runs on into its text, as in plain text) or
 *    items (1、 １． （1） ① …) when they start a sequence at 1 or
 *    continue an open one, nested by marker style as written
 *    (md_units); the text, lists and tables after them go into the last
 *    such section or item until the next heading.  Attachment lists and
 *    what follows an attachment heading are text.
 *  - "**" that cmark left as text (it is not emphasis next to Chinese
 *    punctuation under CommonMark's flanking rules) is warned about.
 */
#include <stdlib.h>
#include <string.h>

#define CMARK_NO_SHORT_NAMES
#include <cmark.h>

#include "parse/parse_int.h"

#define MD_MAX_DEPTH	32	/* tree levels below the root */
#define MD_MAX_COLUMNS	64	/* cells of a table row */
#define MD_MAX_NEST	8	/* levels of numbered paragraphs */
#define MD_MAX_TAGS	16	/* annotations cut from one text */
#define MD_SNIPPET	20	/* code points quoted in a warning */
#define MD_MAX_SECS	6	/* open sections */
#define MD_MAX_FAMS	16	/* numbering styles of sections remembered */

struct md_sec {
	int		 hlevel;	/* Markdown heading level, 1-6; 7 for
					 * a numbered line of a paragraph */
	struct node	*node;
	int		 numbered;	/* numbered in a heading style */
};

/* An open level of numbered paragraphs (1、 （一） ① … that cmark does
 * not take as a list). */
struct md_lvl {
	struct marker	 mk;		/* its last marker; lead in the arena */
	struct node	*list;
	struct node	*item;		/* its last item */
};

/* A numbering style that sections use (一、 （一） 第一章 …): the depth
 * it was first used at decides the depth of every section it numbers,
 * whatever the Markdown heading level. */
struct md_fam {
	struct marker	 mk;		/* lead in the arena */
	int		 depth;		/* 1 = top-level section */
	int		 last;		/* its last number */
	struct node	*parent;	/* where its last section went */
};

/* Offsets of the line breaks of flattened text. */
struct md_brk {
	size_t		 off;		/* where the next line's text starts */
	int		 line;		/* its cmark line; 0 until known */
};

struct md_brks {
	struct md_brk	*v;
	size_t		 n;
	size_t		 cap;
};

struct md {
	struct doc	*doc;
	struct diags	*d;
	const char	*src;
	size_t		 len;
	size_t		*lines;		/* byte offset of each line's start */
	size_t		 nlines;
	int		 first_line;	/* original line of src's first line */
	cmark_node	*title;		/* the heading taken as the title */
	int		 min_level;	/* shallowest section heading level */
	struct md_sec	 secs[MD_MAX_SECS]; /* open sections, outermost first */
	size_t		 nsecs;
	struct md_fam	 fams[MD_MAX_FAMS]; /* numbering styles of sections */
	size_t		 nfams;
	struct md_lvl	 nest[MD_MAX_NEST]; /* open numbered paragraphs */
	size_t		 nnest;
	struct marker	 mem;		/* the last outermost numbered
					 * paragraph, whose numbers may run on
					 * in the next section */
	int		 hasmem;
	int		 attached;	/* past an attachment heading: text */
	int		 attnext;	/* the next number of a list of
					 * attachments, or 0 */
	int		 maxdepth;	/* tree levels below the root at most */
	int		 depth_hit;
};

/* ---- Source positions ---- */

/* Record the start of every line of m->src (LF, CRLF or CR ends a
 * line, as for cmark). */
static void
md_index(struct md *m)
{
	size_t	 i, cap = 256;

	m->lines = xreallocarray(NULL, cap, sizeof(*m->lines));
	m->lines[0] = 0;
	m->nlines = 1;
	for (i = 0; i < m->len; i++) {
		if (m->src[i] != '\n' && m->src[i] != '\r')
			continue;
		if (m->src[i] == '\r' && i + 1 < m->len &&
		    m->src[i + 1] == '\n')
			i++;
		if (m->nlines == cap) {
			cap *= 2;
			m->lines = xreallocarray(m->lines, cap,
			    sizeof(*m->lines));
		}
		m->lines[m->nlines++] = i + 1;
	}
}

/* Return cmark line cline (1-based) of the source without its line
 * end, its length in *len; NULL when there is no such line. */
static const char *
md_line_text(const struct md *m, int cline, size_t *len)
{
	size_t	 a, b;

	if (cline < 1 || (size_t)cline > m->nlines)
		return NULL;
	a = m->lines[cline - 1];
	b = (size_t)cline < m->nlines ? m->lines[cline] : m->len;
	while (b > a && (m->src[b - 1] == '\n' || m->src[b - 1] == '\r'))
		b--;
	*len = b - a;
	return m->src + a;
}

/* Return the original file's line of cmark line cline. */
static int
md_line(const struct md *m, int cline)
{
	return cline + m->first_line - 1;
}

/* Where a column was last counted: the code points of cmark line
 * cline before byte at are col - 1. */
struct colmark {
	int	 cline;
	size_t	 at;
	int	 col;
};
#define COLMARK_INIT { 0, 0, 1 }

/* md_col(), counting from *cm when it is on the same line at or before
 * bcol (and moving *cm there): a line's many columns, in order, cost
 * one pass over it, not one from its start each. */
static int
md_col_from(const struct md *m, struct colmark *cm, int cline, int bcol)
{
	const char	*s;
	size_t		 len, n;

	if (bcol < 1 || (s = md_line_text(m, cline, &len)) == NULL)
		return bcol;
	n = (size_t)bcol - 1;
	if (n > len)
		n = len;
	if (cm->cline != cline || n < cm->at) {
		cm->cline = cline;
		cm->at = 0;
		cm->col = 1;
	}
	cm->col += (int)utf8_count(s + cm->at, n - cm->at);
	cm->at = n;
	return cm->col;
}

/* Return the 1-based column in code points of cmark's byte column
 * bcol on cmark line cline. */
static int
md_col(const struct md *m, int cline, int bcol)
{
	struct colmark	 cm = COLMARK_INIT;

	return md_col_from(m, &cm, cline, bcol);
}

/* A new node of type t for cmark node cn, at its original position. */
static struct node *
md_node(struct md *m, enum node_type t, cmark_node *cn)
{
	int		 cline = cmark_node_get_start_line(cn);
	struct node	*n = node_new(m->doc, t, md_line(m, cline));

	n->col = md_col(m, cline, cmark_node_get_start_column(cn));
	return n;
}

/* ---- Text ---- */

/* Return the code point that ends at byte end of s, its first byte's
 * offset in *start; 0 when end is 0. */
static uint32_t
cp_before(const char *s, size_t end, size_t *start)
{
	size_t		 i = end, k;
	uint32_t	 cp;

	if (start)
		*start = end;
	if (end == 0)
		return 0;
	for (k = 0; k < 3 && i > 1 &&
	    ((unsigned char)s[i - 1] & 0xC0) == 0x80; k++)
		i--;
	i--;
	if (utf8_decode(s + i, end - i, &cp) != end - i) {
		i = end - 1;
		cp = 0xFFFD;
	}
	if (start)
		*start = i;
	return cp;
}

/* Return the first code point of s[0..len), 0 when len is 0. */
static uint32_t
cp_first(const char *s, size_t len)
{
	uint32_t	 cp;

	if (len == 0)
		return 0;
	utf8_decode(s, len, &cp);
	return cp;
}

/* Is cp white space or a line end? */
static int
is_white(uint32_t cp)
{
	return cp_is_space(cp) || cp == '\n' || cp == '\r';
}

/* Return len without the white space (is_white) that ends s. */
static size_t
trim_end(const char *s, size_t len)
{
	size_t	 p;

	while (len > 0 && is_white(cp_before(s, len, &p)))
		len = p;
	return len;
}

/* Return the number of bytes of white space that start s[0..len). */
static size_t
trim_start(const char *s, size_t len)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len && (n = utf8_decode(s + i, len - i, &cp)) > 0 &&
	    is_white(cp))
		i += n;
	return i;
}

/* A copy of s[0..len) without surrounding white space, in doc's
 * arena. */
static char *
md_strip(struct doc *doc, const char *s, size_t len)
{
	size_t	 a = trim_start(s, len);

	return arena_strndup(&doc->arena, s + a, trim_end(s + a, len - a));
}

/* Append s[0..len) to out; when a line break is pending, join the
 * lines: nothing next to a CJK character or white space, else one
 * space. */
static void
join_put(struct buf *out, const char *s, size_t len, int *brk)
{
	uint32_t	 a, b;

	if (len == 0)
		return;
	if (*brk && out->len > 0) {
		a = cp_before(out->data, out->len, NULL);
		b = cp_first(s, len);
		if (!cp_is_cjk(a) && !cp_is_cjk(b) && !cp_is_space(a) &&
		    !cp_is_space(b))
			buf_putc(out, ' ');
	}
	*brk = 0;
	buf_put(out, s, len);
}

/* Record a line break at offset off of flattened text in br. */
static void
brk_add(struct md_brks *br, size_t off)
{
	if (br->n == br->cap) {
		br->cap = br->cap ? br->cap * 2 : 16;
		br->v = xreallocarray(br->v, br->cap, sizeof(*br->v));
	}
	br->v[br->n].off = off;
	br->v[br->n].line = 0;
	br->n++;
}

/* Append the plain text of block (inline markup flattened, line breaks
 * joined, inline HTML dropped) to out; when br is not NULL, record
 * where each line after the first starts (br's array is the caller's
 * to free). */
static void
md_flatten(cmark_node *block, struct buf *out, struct md_brks *br)
{
	cmark_iter	*it = cmark_iter_new(block);
	cmark_event_type ev;
	cmark_node	*n;
	const char	*lit;
	int		 brk = 0;

	buf_put(out, "", 0);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (br != NULL && br->n > 0 &&
			    br->v[br->n - 1].line == 0)
				br->v[br->n - 1].line =
				    cmark_node_get_start_line(n);
			if ((lit = cmark_node_get_literal(n)) != NULL)
				join_put(out, lit, strlen(lit), &brk);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			brk = 1;
			if (br != NULL)
				brk_add(br, out->len);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* ---- Annotations and titles ---- */

/* Is the trailing note s[0..len), after the character before, an
 * annotation?  A heading's always is; an item's when it follows the end
 * of a sentence or reads like one (note_annotation, lexicon.c). */
static int
is_annotation(const char *s, size_t len, uint32_t before, int heading)
{
	int	 lim = note_annotation(s, len);

	if (len == 0 || utf8_count(s, len) > (size_t)(lim ? lim : NOTE_MAX))
		return 0;
	return heading || cp_is_stop(before) || before == 0xFF1B || lim > 0;
}

/* Is cp a closing or opening parenthesis, full-width or ASCII? */
#define is_close(cp)	((cp) == 0xFF09 || (cp) == ')')
#define is_open(cp)	((cp) == 0xFF08 || (cp) == '(')

/* Cut trailing annotations (（办实事项目25）, （牵头单位：…）) of a heading
 * (heading != 0) or an item from s[0..len), in place, keeping a final
 * 。；; or . after them, and add them to n as tags in the order
 * written.  A text that is nothing but a note keeps it.  Return the new
 * length. */
static size_t
annot_cut(struct doc *doc, struct node *n, char *s, size_t len, int heading)
{
	const char	*tags[MD_MAX_TAGS];
	size_t		 ntags = 0, pe, p, q, i, ps, tail;
	uint32_t	 cp;
	int		 depth;

	while (ntags < MD_MAX_TAGS) {
		len = trim_end(s, len);
		pe = len;
		cp = cp_before(s, pe, &p);
		if (cp == 0x3002 || cp == 0xFF1B || cp == ';' || cp == '.')
			pe = trim_end(s, p);
		if (!is_close(cp_before(s, pe, &p)))
			break;
		depth = 0;
		ps = 0;
		for (i = pe; i > 0; i = q) {
			cp = cp_before(s, i, &q);
			if (is_close(cp))
				depth++;
			else if (is_open(cp) && --depth == 0) {
				ps = q;
				break;
			}
		}
		if (depth != 0 || ps == 0)
			break;
		q = ps + (s[ps] == '(' ? 1 : 3);
		if (!is_annotation(s + q, p - q, cp_before(s, ps, NULL),
		    heading))
			break;
		tags[ntags++] = md_strip(doc, s + q, p - q);
		tail = len - pe;
		ps = trim_end(s, ps);
		memmove(s + ps, s + pe, tail);
		len = ps + tail;
	}
	for (i = ntags; i > 0; i--)
		node_add_tag(doc, n, tags[i - 1], strlen(tags[i - 1]));
	return len;
}

/* Set n's text (annotations cut into tags) and title from s[0..len);
 * s is modified. */
static void
item_set_text(struct doc *doc, struct node *n, char *s, size_t len)
{
	size_t	 a;

	a = trim_start(s, len);
	s += a;
	len = annot_cut(doc, n, s, trim_end(s, len - a), 0);
	n->text = arena_strndup(&doc->arena, s, len);
	n->title = md_strip(doc, s, first_sentence(s, len));
}

/* ---- Emphasis check ---- */

/* Is cp CJK punctuation (a CJK character that is not Han)? */
static int
is_cjk_punct(uint32_t cp)
{
	return cp_is_cjk(cp) && !cp_is_han(cp);
}

/* Return the offset n code points after i in s[0..len), or len. */
static size_t
cp_skip(const char *s, size_t len, size_t i, size_t n)
{
	uint32_t	 cp;
	size_t		 k;

	for (; i < len && n > 0; n--)
		i += (k = utf8_decode(s + i, len - i, &cp)) ? k : 1;
	return i;
}

/* Return where a quotation of s[0..len) that starts at a "**" run
 * ending at j ends: after the next "**" run before to when it is near,
 * else MD_SNIPPET code points on. */
static size_t
snippet_end(const char *s, size_t to, size_t len, size_t j)
{
	size_t	 k, far = cp_skip(s, len, j, 2 * MD_SNIPPET);

	for (k = j; k + 1 < to && k < far; k++)
		if (s[k] == '*' && s[k + 1] == '*' && s[k - 1] != '\\') {
			while (k < to && s[k] == '*')
				k++;
			return k;
		}
	return cp_skip(s, len, j, MD_SNIPPET);
}

/* Warn about literal "**" runs that cmark left in the text of block
 * (it does not take ** as emphasis next to Chinese punctuation), one
 * warning per pair, at the opening run. */
static void
md_check_emphasis(struct md *m, cmark_node *block)
{
	cmark_iter	*it = cmark_iter_new(block);
	cmark_event_type ev;
	cmark_node	*n;
	struct colmark	 cm = COLMARK_INIT;
	const char	*lit, *s;
	size_t		 len, from, to, i, j, k;
	int		 cline, ec, odd;
	uint32_t	 a, b;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_TEXT ||
		    (lit = cmark_node_get_literal(n)) == NULL ||
		    strstr(lit, "**") == NULL)
			continue;
		cline = cmark_node_get_start_line(n);
		if ((s = md_line_text(m, cline, &len)) == NULL)
			continue;
		from = (size_t)(cmark_node_get_start_column(n) > 0 ?
		    cmark_node_get_start_column(n) - 1 : 0);
		ec = cmark_node_get_end_column(n);
		to = cmark_node_get_end_line(n) == cline && ec > 0 ?
		    (size_t)ec : len;
		if (to > len)
			to = len;
		for (i = from, odd = 0; i + 1 < to; i++) {
			if (s[i] != '*' || s[i + 1] != '*' ||
			    (i > 0 && s[i - 1] == '\\'))
				continue;
			for (j = i; j < to && s[j] == '*'; j++)
				continue;
			if (!odd) {
				a = cp_before(s, i, NULL);
				b = cp_first(s + j, len - j);
				k = snippet_end(s, to, len, j);
				diag_add_id(m->d, m->doc->source,
				    md_line(m, cline), md_col_from(m, &cm,
				    cline, (int)i + 1), SEV_WARNING, "md-emphasis",
				    "emphasis not recognised%s: %.*s",
				    is_cjk_punct(a) || is_cjk_punct(b) ?
				    " next to Chinese punctuation" : "",
				    (int)(k - i), s + i);
			}
			odd = !odd;
			i = j - 1;
		}
	}
	cmark_iter_free(it);
}

/* ---- Tables ---- */

struct cell {
	const char	*s;
	size_t		 len;
};

/* Strip ASCII blanks around s[0..*len). */
static const char *
blank_trim(const char *s, size_t *len)
{
	while (*len > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		(*len)--;
	}
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* Split a pipe-table row into at most max cells (outer pipes
 * optional, \| escapes a pipe).  Return the number of cells, or 0 when
 * the line has no pipe or too many cells. */
static size_t
row_split(const char *s, size_t len, struct cell *c, size_t max)
{
	size_t	 i, start, n = 0;
	int	 pipe = 0;

	s = blank_trim(s, &len);
	if (len > 0 && s[0] == '|') {
		s++;
		len--;
		pipe = 1;
	}
	if (len > 0 && s[len - 1] == '|' && (len < 2 || s[len - 2] != '\\')) {
		len--;
		pipe = 1;
	}
	for (i = start = 0; i <= len; i++) {
		if (i < len && s[i] == '\\') {
			i++;
			continue;
		}
		if (i < len && s[i] != '|')
			continue;
		if (i < len)
			pipe = 1;
		if (n == max)
			return 0;
		c[n].len = (i < len ? i : len) - start;
		c[n].s = blank_trim(s + start, &c[n].len);
		n++;
		start = i + 1;
	}
	return pipe ? n : 0;
}

/* Is c a delimiter cell: ---, :---, ---:, :---:? */
static int
is_delim_cell(const struct cell *c)
{
	size_t	 i = 0, dashes = 0, len = c->len;

	if (len > 0 && c->s[len - 1] == ':')
		len--;
	if (i < len && c->s[i] == ':')
		i++;
	for (; i < len && c->s[i] == '-'; i++)
		dashes++;
	return dashes > 0 && i == len;
}

/* Append cell text with backslash escapes of ASCII punctuation
 * removed to out (reset first). */
static void
cell_text(const struct cell *c, struct buf *out)
{
	size_t	 i;

	buf_reset(out);
	buf_put(out, "", 0);
	for (i = 0; i < c->len; i++) {
		if (c->s[i] == '\\' && i + 1 < c->len &&
		    (unsigned char)c->s[i + 1] < 0x80 &&
		    !ascii_isalnum(c->s[i + 1]) &&
		    !ascii_isspace(c->s[i + 1]))
			i++;
		buf_putc(out, c->s[i]);
	}
}

/* Is the first column of a table its row numbers: headed 序号 and the
 * like, or a number in every row? */
static int
num_column(const struct md *m, const struct cell *head, int l0, int l1)
{
	static const char *const names[] = {
		"序号", "编号", "序", "No.", "No", "NO.", "#", NULL
	};
	struct cell	 c[MD_MAX_COLUMNS];
	const char	*s;
	size_t		 i, n, len;
	int		 l;

	for (i = 0; names[i] != NULL; i++)
		if (head->len == strlen(names[i]) &&
		    memcmp(head->s, names[i], head->len) == 0)
			return 1;
	if (l0 > l1)
		return 0;
	for (l = l0; l <= l1; l++) {
		if ((s = md_line_text(m, l, &len)) == NULL)
			return 0;
		n = row_split(s, len, c, MD_MAX_COLUMNS);
		if (n == 0 || c[0].len == 0)
			return 0;
		for (i = 0; i < c[0].len; i++)
			if (!ascii_isdigit(c[0].s[i]))
				return 0;
	}
	return 1;
}

/* If the top-level paragraph p is a GFM pipe table, append it to
 * parent as a table report (a list of items with fields, columns added
 * to the document) and return 1; else return 0. */
static int
md_table(struct md *m, cmark_node *p, struct node *parent)
{
	struct cell	 head[MD_MAX_COLUMNS], c[MD_MAX_COLUMNS];
	const char	*cols[MD_MAX_COLUMNS];
	struct buf	 b = BUF_INIT;
	struct node	*list, *it;
	const char	*s;
	size_t		 nh, n, i, len, first;
	int		 l0 = cmark_node_get_start_line(p);
	int		 l1 = cmark_node_get_end_line(p), l, hasnum;

	if (l1 <= l0 || (s = md_line_text(m, l0, &len)) == NULL ||
	    (nh = row_split(s, len, head, MD_MAX_COLUMNS)) == 0)
		return 0;
	if ((s = md_line_text(m, l0 + 1, &len)) == NULL ||
	    row_split(s, len, c, MD_MAX_COLUMNS) != nh)
		return 0;
	for (i = 0; i < nh; i++)
		if (!is_delim_cell(&c[i]))
			return 0;
	for (l = l0 + 2; l <= l1; l++)
		if ((s = md_line_text(m, l, &len)) == NULL ||
		    row_split(s, len, c, MD_MAX_COLUMNS) == 0)
			return 0;

	hasnum = nh > 1 && num_column(m, &head[0], l0 + 2, l1);
	first = hasnum ? 1 : 0;
	for (i = first; i < nh; i++) {
		cell_text(&head[i], &b);
		if (b.len == 0)
			buf_printf(&b, "列%zu", i + 1);
		n = doc_add_column(m->doc, b.data, b.len);
		cols[i] = m->doc->columns[n];
	}
	list = node_append(parent, md_node(m, NODE_LIST, p));
	list->style = LIST_BLOCK;
	for (l = l0 + 2; l <= l1; l++) {
		s = md_line_text(m, l, &len);
		n = row_split(s, len, c, MD_MAX_COLUMNS);
		it = node_append(list, node_new(m->doc, NODE_ITEM,
		    md_line(m, l)));
		it->col = 1;
		if (hasnum && c[0].len > 0) {
			it->num = arena_strndup(&m->doc->arena, c[0].s,
			    c[0].len);
			it->label = it->num;
		}
		for (i = first; i < nh; i++) {
			if (i < n)
				cell_text(&c[i], &b);
			else
				buf_reset(&b);
			node_set_field(m->doc, it, cols[i], buf_cstr(&b),
			    b.len);
			if (i == first && b.len > 0)
				item_set_text(m->doc, it, b.data, b.len);
		}
	}
	buf_free(&b);
	return 1;
}

/* ---- Blocks ---- */

/* The innermost open section, or the root. */
static struct node *
md_base(struct md *m)
{
	return m->nsecs ? m->secs[m->nsecs - 1].node : m->doc->root;
}

/* The tree node that takes the children of cmark node parent: for the
 * document, the last open numbered paragraph or else the innermost open
 * section; else the node recorded on the container. */
static struct node *
md_container(struct md *m, cmark_node *parent)
{
	struct node	*n;

	if (parent == NULL ||
	    cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT)
		return m->nnest ? m->nest[m->nnest - 1].item : md_base(m);
	n = cmark_node_get_user_data(parent);
	return n ? n : m->doc->root;
}

/* Return the number of levels between n and the root. */
static int
node_depth(const struct node *n)
{
	int	 depth = 0;

	for (; n->parent != NULL; n = n->parent)
		depth++;
	return depth;
}

/* Append a paragraph of text s[0..len) for cmark node cn to parent,
 * unless the text is blank. */
static void
md_para_node(struct md *m, cmark_node *cn, struct node *parent,
    const char *s, size_t len)
{
	struct node	*p;
	char		*t = md_strip(m->doc, s, len);

	if (*t == '\0')
		return;
	p = node_append(parent, md_node(m, NODE_PARAGRAPH, cn));
	p->text = t;
}

/* Set n's num (Arabic numerals normalised: ３ → 3) and label (as
 * written) from marker mk found at the start of s. */
static void
marker_set(struct doc *doc, struct node *n, const char *s,
    const struct marker *mk)
{
	n->num = mk->cn ? arena_strndup(&doc->arena, mk->num, mk->numlen) :
	    arena_printf(&doc->arena, "%d", mk->value);
	n->label = arena_strndup(&doc->arena, s + mk->labstart, mk->lablen);
}

/* ---- Numbered paragraphs ---- */

/* Where a line of a top-level paragraph that starts with marker mk goes
 * among the open numbered paragraphs: return the nesting depth it takes
 * (1 = outermost), *cont set when it continues the list open at that
 * depth; 0 when mk neither continues an open sequence nor starts one
 * at 1 (then the line is text). */
static size_t
nest_depth(const struct md *m, const struct marker *mk, int *cont)
{
	size_t	 k;

	*cont = 0;
	if (mk->style == M_NONE || mk->style == M_AR_BARE ||
	    mk->style == M_ENUM)
		return 0;
	for (k = m->nnest; k > 0; k--)
		if (marker_same_level(&m->nest[k - 1].mk, mk))
			break;
	if (k > 0 && mk->value == m->nest[k - 1].mk.value + 1) {
		*cont = 1;
		return k;
	}
	/* Items numbered on through the sections (（二） goes on at 3.). */
	if (k == 0 && m->nnest == 0 && m->hasmem &&
	    marker_same_level(&m->mem, mk) && mk->value == m->mem.value + 1)
		return 1;
	if (mk->value != 1)
		return 0;
	if (k > 0)
		return k;
	return m->nnest < MD_MAX_NEST ? m->nnest + 1 : 0;
}

/* Open an item for marker mk (found at the start of s) at depth (from
 * nest_depth) on cmark line cline; return it. */
static struct node *
nest_item(struct md *m, const char *s, const struct marker *mk,
    size_t depth, int cont, int cline)
{
	struct md_lvl	*lv;
	struct node	*parent, *it;

	it = node_new(m->doc, NODE_ITEM, md_line(m, cline));
	it->col = md_col(m, cline, 1);
	marker_set(m->doc, it, s, mk);
	lv = &m->nest[depth - 1];
	m->nnest = depth;
	if (!cont) {
		parent = depth > 1 ? m->nest[depth - 2].item : md_base(m);
		lv->list = node_append(parent, node_new(m->doc, NODE_LIST,
		    it->line));
		lv->list->style = LIST_BLOCK;
	}
	lv->mk = *mk;
	lv->mk.num = NULL;
	lv->mk.lead = mk->leadlen ? arena_strndup(&m->doc->arena,
	    mk->lead, mk->leadlen) : NULL;
	lv->item = node_append(lv->list, it);
	if (depth == 1) {
		m->mem = lv->mk;
		m->hasmem = 1;
	}
	return it;
}

/* ---- Sections numbered as the text writes them ---- */

/* The numbering style of sections that marker mk belongs to, or NULL. */
static struct md_fam *
fam_find(struct md *m, const struct marker *mk)
{
	size_t	 i;

	for (i = 0; i < m->nfams; i++)
		if (marker_same_level(&m->fams[i].mk, mk))
			return &m->fams[i];
	return NULL;
}

/* Note that mk numbers section sec (its depth is sec->level). */
static void
fam_note(struct md *m, const struct marker *mk, struct node *sec)
{
	struct md_fam	*f = fam_find(m, mk);

	if (f == NULL) {
		if (m->nfams == MD_MAX_FAMS)
			return;
		f = &m->fams[m->nfams++];
		f->mk = *mk;
		f->mk.num = NULL;
		f->mk.lead = mk->leadlen ? arena_strndup(&m->doc->arena,
		    mk->lead, mk->leadlen) : NULL;
		f->depth = sec->level;
	}
	f->last = mk->value;
	f->parent = sec->parent;
}

/* Open section sec at depth (1 = top level; the open sections at that
 * depth and deeper close) for a heading of level hl. */
static void
sec_open(struct md *m, struct node *sec, int depth, int hl, int numbered)
{
	if (depth > (int)m->nsecs + 1)
		depth = (int)m->nsecs + 1;
	if (depth > MD_MAX_SECS)
		depth = MD_MAX_SECS;
	m->nsecs = (size_t)depth - 1;
	node_append(md_base(m), sec);
	sec->level = depth;
	m->secs[m->nsecs].hlevel = hl;
	m->secs[m->nsecs].node = sec;
	m->secs[m->nsecs].numbered = numbered;
	m->nsecs++;
}

/* Does marker mk at the start of a line of a top-level paragraph open a
 * section, at *depth: a heading style (一、 （一） 第一章) that starts at
 * 1 outside numbered paragraphs, or a style the sections already use
 * that goes on (a restart at 1 only under a new parent section: 一、
 * again inside 三、 is a list or table rows, not a section)? */
static int
sec_line(struct md *m, const struct marker *mk, int *depth)
{
	struct md_fam	*f;
	struct node	*parent;
	int		 d;

	if (!marker_heading_style(mk))
		return 0;
	if ((f = fam_find(m, mk)) == NULL) {
		if (mk->value != 1 || m->nnest > 0)
			return 0;
		*depth = (int)m->nsecs + 1;
		return 1;
	}
	d = f->depth <= (int)m->nsecs + 1 ? f->depth : (int)m->nsecs + 1;
	parent = d > 1 ? m->secs[d - 2].node : m->doc->root;
	if (mk->value == 1 ? parent == f->parent :
	    mk->value <= f->last || mk->value > f->last + 5)
		return 0;
	*depth = d;
	return 1;
}

/* Is heading marker mk (1. 1、 （1）) below a section numbered in a
 * heading style, so that it numbers an item (GB/T 9704's third level),
 * not a section? */
static int
item_heading(const struct md *m, const struct marker *mk)
{
	size_t	 k;

	if (mk->style != M_AR_DOT && mk->style != M_AR_DUN &&
	    mk->style != M_AR_PAREN)
		return 0;
	for (k = 0; k < m->nsecs; k++)
		if (m->secs[k].numbered)
			return 1;
	return 0;
}

/* Set the title of section sec from the text s[0..len) after its
 * marker, s modified: a heading that runs on into its text keeps its
 * first sentence as the title and the rest becomes a paragraph of it
 * (heading_title, as in the plain-text front end). */
static void
sec_text(struct md *m, struct node *sec, char *s, size_t len)
{
	struct node	*p;
	size_t		 a, t, r, n;
	const char	*rest;
	int		 nostop;

	a = trim_start(s, len);
	s += a;
	len = trim_end(s, len - a);
	if (heading_like(s, len)) {
		len = annot_cut(m->doc, sec, s, len, 1);
		sec->title = md_strip(m->doc, s, len);
		return;
	}
	len = annot_cut(m->doc, sec, s, len, 0);
	t = heading_title(s, len, &nostop);
	if (nostop)
		diag_add_id(m->d, m->doc->source, sec->line, sec->col,
		    SEV_WARNING, "run-on-heading", RUNON_MESSAGE, sec->label);
	r = t;
	n = 0;
	if (r < len && (unsigned char)s[r] == ':')
		n = 1;
	else if (len - r >= 3 && memcmp(s + r, "\xEF\xBC\x9A", 3) == 0)
		n = 3;
	rest = md_strip(m->doc, s + r + n, len - r - n);
	t = annot_cut(m->doc, sec, s, t, 1);
	sec->title = md_strip(m->doc, s, t);
	if (*rest != '\0') {
		p = node_append(sec, node_new(m->doc, NODE_PARAGRAPH,
		    sec->line));
		p->col = sec->col;
		p->text = rest;
	}
}

/* End a unit of a top-level paragraph: the text s[0..len) of item or
 * section it, or when it is NULL a paragraph starting on cmark line
 * cline. */
static void
unit_end(struct md *m, cmark_node *cn, struct node *it, char *s,
    size_t len, int cline)
{
	struct node	*p;
	char		*t;

	if (it != NULL && it->type == NODE_SECTION) {
		sec_text(m, it, s, len);
		return;
	}
	if (it != NULL) {
		item_set_text(m->doc, it, s, len);
		return;
	}
	t = md_strip(m->doc, s, len);
	if (*t == '\0')
		return;
	p = node_new(m->doc, NODE_PARAGRAPH, md_line(m, cline));
	p->col = cline == cmark_node_get_start_line(cn) ?
	    md_col(m, cline, cmark_node_get_start_column(cn)) : 1;
	p->text = t;
	node_append(md_container(m, cmark_node_parent(cn)), p);
}

/* Is the line s[0..len) of a top-level paragraph (its marker mk, or
 * NULL) part of the attachments, a paragraph of its own at the top
 * level: the list of them (附件：1.… then 2.… 3.…), or an attachment
 * heading (附件1) once the document has had numbered sections, after
 * which numbered lines and headings are text (as in outline.c)?  The
 * caller closes the open sections. */
static int
attachments(struct md *m, const char *s, size_t len, const struct marker *mk)
{
	struct marker	 lm;
	size_t		 i = 0;
	uint32_t	 cp;

	switch (attachment_line(s, len)) {
	case ATT_HEAD:
		if (m->nfams == 0)
			return 0;
		m->attached = 1;
		break;
	case ATT_LIST:
		while (i < len && (cp = utf8_step(s, len, &i)) != 0xFF1A &&
		    cp != ':')
			;
		m->attnext = marker_parse(s + i, len - i, &lm) &&
		    lm.value == 1 ? 2 : i == len ? 1 : 0;
		break;
	default:
		if (m->attnext > 0 && mk != NULL && (mk->style == M_AR_DOT ||
		    mk->style == M_AR_DUN) && mk->value == m->attnext) {
			m->attnext++;
			return 1;
		}
		m->attnext = 0;
		return 0;
	}
	return 1;
}

/* A paragraph of the document: its lines that start with a numbering
 * marker continuing or starting a sequence begin sections (一、 （一）:
 * sec_line) or items (1、 （1） ① …, which cmark does not take as
 * lists); the other lines continue the unit before them. */
static void
md_units(struct md *m, cmark_node *cn)
{
	struct buf	 b = BUF_INIT;
	struct md_brks	 br = { NULL, 0, 0 };
	struct marker	 mk;
	struct node	*cur = NULL;
	size_t		 k, a, e, us = 0, ml, depth;
	int		 cline, uline, cont, secd, att;

	md_flatten(cn, &b, &br);
	uline = cline = cmark_node_get_start_line(cn);
	for (k = 0; k <= br.n; k++) {
		a = k ? br.v[k - 1].off : 0;
		e = k < br.n ? br.v[k].off : b.len;
		if (k > 0)
			cline = br.v[k - 1].line > cline ?
			    br.v[k - 1].line : cline + 1;
		a += trim_start(b.data + a, e - a);
		ml = m->attached ? 0 : marker_parse(b.data + a, e - a, &mk);
		secd = 0;
		depth = 0;
		att = attachments(m, b.data + a, e - a, ml > 0 ? &mk : NULL);
		/* A heading style the sections use that does not go on
		 * here is text, not an item. */
		if (ml > 0 && !att && !sec_line(m, &mk, &secd) &&
		    !(marker_heading_style(&mk) && fam_find(m, &mk)))
			depth = nest_depth(m, &mk, &cont);
		if (k > 0 && depth == 0 && secd == 0 && !att)
			continue;
		if (k > 0)
			unit_end(m, cn, cur, b.data + us, a - us, uline);
		cur = NULL;
		us = a;
		uline = cline;
		if (att) {
			m->nsecs = 0;
			m->nnest = 0;
		} else if (secd > 0) {
			cur = node_new(m->doc, NODE_SECTION, md_line(m, cline));
			cur->col = md_col(m, cline, 1);
			marker_set(m->doc, cur, b.data + a, &mk);
			m->nnest = 0;
			sec_open(m, cur, secd, 7, 1);
			fam_note(m, &mk, cur);
			us = a + ml;
		} else if (depth > 0) {
			cur = nest_item(m, b.data + a, &mk, depth, cont,
			    cline);
			us = a + ml;
		}
	}
	unit_end(m, cn, cur, b.data + us, b.len - us, uline);
	free(br.v);
	buf_free(&b);
}

/* A paragraph: at the top level a table report or numbered paragraphs
 * (md_units); in an item its text when it comes first, else a
 * paragraph node. */
static void
md_paragraph(struct md *m, cmark_node *cn)
{
	cmark_node	*cp = cmark_node_parent(cn);
	struct node	*parent = md_container(m, cp);
	struct buf	 b = BUF_INIT;

	md_check_emphasis(m, cn);
	if (cmark_node_get_type(cp) == CMARK_NODE_DOCUMENT) {
		if (md_table(m, cn, parent))
			return;
		md_units(m, cn);
		return;
	}
	md_flatten(cn, &b, NULL);
	if (parent->type == NODE_ITEM && parent->text == NULL &&
	    parent->first == NULL && cmark_node_previous(cn) == NULL)
		item_set_text(m->doc, parent, b.data, b.len);
	else
		md_para_node(m, cn, parent, buf_cstr(&b), b.len);
	buf_free(&b);
}

/* A code block: a paragraph of its literal text. */
static void
md_code(struct md *m, cmark_node *cn)
{
	const char	*lit = cmark_node_get_literal(cn);

	if (lit != NULL)
		md_para_node(m, cn, md_container(m, cmark_node_parent(cn)),
		    lit, strlen(lit));
}

/* Split heading text s[0..len) into num, label and title of section
 * n, cutting trailing annotations into tags; s is modified. */
static void
section_set_text(struct doc *doc, struct node *n, char *s, size_t len)
{
	struct marker	 mk;
	size_t		 ml;

	ml = marker_parse(s, len, &mk);
	if (ml > 0 && mk.style != M_NONE && mk.style != M_AR_BARE) {
		marker_set(doc, n, s, &mk);
		s += ml;
		len -= ml;
	}
	len = annot_cut(doc, n, s, len, 1);
	n->title = md_strip(doc, s, len);
}

/* A heading: the title, a section of the document, or (inside a list
 * item or a block quote) a paragraph. */
static void
md_heading(struct md *m, cmark_node *cn)
{
	struct buf	 b = BUF_INIT;
	struct md_sec	*top;
	struct md_fam	*f;
	struct node	*sec, *it;
	struct marker	 mk;
	size_t		 ml, depth;
	int		 hl = cmark_node_get_heading_level(cn), prev, cont;
	int		 heading, cline = cmark_node_get_start_line(cn);

	md_check_emphasis(m, cn);
	md_flatten(cn, &b, NULL);
	if (cmark_node_get_type(cmark_node_parent(cn)) !=
	    CMARK_NODE_DOCUMENT || m->attached) {
		md_para_node(m, cn, md_container(m, cmark_node_parent(cn)),
		    buf_cstr(&b), b.len);
		buf_free(&b);
		return;
	}
	if (cn == m->title) {
		if (m->doc->title == NULL)
			m->doc->title = md_strip(m->doc, buf_cstr(&b), b.len);
		buf_free(&b);
		return;
	}
	ml = marker_parse(b.data, b.len, &mk);
	if (mk.style == M_AR_BARE)
		ml = 0;
	/* 1. under 一、 or （一）: an item, with the blocks below it. */
	if (ml > 0 && item_heading(m, &mk) &&
	    (depth = nest_depth(m, &mk, &cont)) > 0) {
		it = nest_item(m, b.data, &mk, depth, cont, cline);
		item_set_text(m->doc, it, b.data + ml, b.len - ml);
		buf_free(&b);
		return;
	}
	m->nnest = 0;
	heading = ml > 0 && marker_heading_style(&mk);
	if (heading && (f = fam_find(m, &mk)) != NULL)
		depth = (size_t)f->depth;
	else {
		while (m->nsecs > 0 && m->secs[m->nsecs - 1].hlevel >= hl)
			m->nsecs--;
		top = m->nsecs ? &m->secs[m->nsecs - 1] : NULL;
		prev = top ? top->hlevel : m->min_level - 1;
		if (hl > prev + 1 && top != NULL && top->hlevel < 7)
			diag_add_id(m->d, m->doc->source, md_line(m, cline), 1,
			    SEV_WARNING, "heading-skip", "heading level %d "
			    "under a level %d heading: a level is skipped", hl,
			    prev);
		else if (hl > prev + 1 && top == NULL)
			diag_add_id(m->d, m->doc->source, md_line(m, cline), 1,
			    SEV_WARNING, "heading-skip", "heading level %d "
			    "before any heading of level %d", hl, prev + 1);
		depth = m->nsecs + 1;
	}
	sec = md_node(m, NODE_SECTION, cn);
	sec_open(m, sec, (int)depth, hl, heading);
	section_set_text(m->doc, sec, b.data, b.len);
	if (heading)
		fam_note(m, &mk, sec);
	buf_free(&b);
}

/* A list: a block list under its container.  Return -1 (error added
 * once) when it would nest deeper than m->maxdepth. */
static int
md_list(struct md *m, cmark_node *cn)
{
	struct node	*parent = md_container(m, cmark_node_parent(cn));
	struct node	*list;

	if (node_depth(parent) + 2 > m->maxdepth) {
		if (!m->depth_hit)
			diag_add(m->d, m->doc->source,
			    md_line(m, cmark_node_get_start_line(cn)),
			    md_col(m, cmark_node_get_start_line(cn),
			    cmark_node_get_start_column(cn)), SEV_ERROR,
			    "lists nested too deeply (the tree is limited to "
			    "%d levels, [limits] depth); the deeper lists are "
			    "left out", m->maxdepth);
		m->depth_hit = 1;
		return -1;
	}
	list = node_append(parent, md_node(m, NODE_LIST, cn));
	list->style = LIST_BLOCK;
	cmark_node_set_user_data(cn, list);
	return 0;
}

/* A list item: numbered from the list's start when ordered, labelled
 * with its bullet as written when not. */
static void
md_item(struct md *m, cmark_node *cn)
{
	cmark_node	*cl = cmark_node_parent(cn);
	struct node	*list = md_container(m, cl), *it;
	const char	*s;
	size_t		 len;
	long		 num;
	int		 cline, bcol;

	it = node_append(list, md_node(m, NODE_ITEM, cn));
	cmark_node_set_user_data(cn, it);
	if (cmark_node_get_list_type(cl) == CMARK_ORDERED_LIST) {
		num = it->prev && it->prev->num ? strtol(it->prev->num,
		    NULL, 10) + 1 : cmark_node_get_list_start(cl);
		it->num = arena_printf(&m->doc->arena, "%ld", num);
		it->label = arena_printf(&m->doc->arena, "%ld%c", num,
		    cmark_node_get_list_delim(cl) == CMARK_PAREN_DELIM ?
		    ')' : '.');
		return;
	}
	cline = cmark_node_get_start_line(cn);
	bcol = cmark_node_get_start_column(cn);
	s = md_line_text(m, cline, &len);
	if (s != NULL && bcol >= 1 && (size_t)bcol <= len &&
	    (s[bcol - 1] == '-' || s[bcol - 1] == '*' || s[bcol - 1] == '+'))
		it->label = arena_strndup(&m->doc->arena, s + bcol - 1, 1);
	else
		it->label = "-";
}

/* Find the document title among the document's blocks (a lone level-1
 * heading that comes first, when front matter gave no title or the
 * same one) and the shallowest level of the other headings. */
static void
md_survey(struct md *m, cmark_node *root)
{
	cmark_node	*c, *first = NULL;
	struct buf	 b = BUF_INIT;
	int		 h1 = 0, hl;

	for (c = cmark_node_first_child(root); c; c = cmark_node_next(c)) {
		if (first == NULL &&
		    cmark_node_get_type(c) != CMARK_NODE_HTML_BLOCK)
			first = c;
		if (cmark_node_get_type(c) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(c) == 1)
			h1++;
	}
	if (first != NULL && h1 == 1 &&
	    cmark_node_get_type(first) == CMARK_NODE_HEADING &&
	    cmark_node_get_heading_level(first) == 1) {
		md_flatten(first, &b, NULL);
		if (m->doc->title == NULL || strcmp(m->doc->title,
		    md_strip(m->doc, buf_cstr(&b), b.len)) == 0)
			m->title = first;
		buf_free(&b);
	}
	m->min_level = 7;
	for (c = cmark_node_first_child(root); c; c = cmark_node_next(c))
		if (c != m->title &&
		    cmark_node_get_type(c) == CMARK_NODE_HEADING &&
		    (hl = cmark_node_get_heading_level(c)) < m->min_level)
			m->min_level = hl;
	if (m->min_level == 7)
		m->min_level = 1;
}

static int	 md_walk_block(struct md *, cmark_node *);

/* Walk cmark's tree into doc->root, freeing each top-level block of it
 * once it is converted (cmark's tree and gen's are not both whole at
 * once).  Return 0, or -1 when a limit was hit. */
static int
md_walk(struct md *m, cmark_node *root)
{
	cmark_node	*c, *next;
	int		 rc = 0;

	for (c = cmark_node_first_child(root); c != NULL; c = next) {
		next = cmark_node_next(c);
		if (md_walk_block(m, c) == -1)
			rc = -1;
		cmark_node_free(c);
	}
	return rc;
}

/* Walk the top-level block top of cmark's tree into doc->root.  Return
 * 0, or -1 when a limit was hit. */
static int
md_walk_block(struct md *m, cmark_node *top)
{
	cmark_iter	*it = cmark_iter_new(top);
	cmark_event_type ev;
	cmark_node	*cn;
	int		 rc = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cn = cmark_iter_get_node(it);
		switch (cmark_node_get_type(cn)) {
		case CMARK_NODE_BLOCK_QUOTE:
			cmark_node_set_user_data(cn,
			    md_container(m, cmark_node_parent(cn)));
			break;
		case CMARK_NODE_LIST:
			if (md_list(m, cn) == -1) {
				rc = -1;
				cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_ITEM:
			md_item(m, cn);
			break;
		case CMARK_NODE_HEADING:
			md_heading(m, cn);
			cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_PARAGRAPH:
			md_paragraph(m, cn);
			cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_CODE_BLOCK:
			md_code(m, cn);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return rc;
}

/* Parse Markdown utf8[0..len) (front matter removed; first_line is the
 * original line of its first line) into doc->root, then infer missing
 * metadata.  Return 0, or -1 on error (diagnostic added; the tree so
 * far is kept). */
int
md_parse(struct doc *doc, const char *utf8, size_t len, int first_line,
    struct diags *d)
{
	return md_parse_max(doc, utf8, len, first_line, MD_MAX_DEPTH, d);
}

/* md_parse() with the tree limited to maxdepth levels below the root
 * (MD_MAX_DEPTH when maxdepth < 2).  Return 0, or -1 on error. */
int
md_parse_max(struct doc *doc, const char *utf8, size_t len, int first_line,
    int maxdepth, struct diags *d)
{
	struct md	 m;
	struct buf	 clean = BUF_INIT;
	cmark_node	*root;
	int		 rc;

	len = text_strip(utf8, len, &clean);	/* as text.c cleans */
	if (clean.data != NULL)
		utf8 = clean.data;
	memset(&m, 0, sizeof(m));
	m.doc = doc;
	m.d = d;
	m.src = utf8;
	m.len = len;
	m.first_line = first_line > 0 ? first_line : 1;
	m.maxdepth = maxdepth >= 2 ? maxdepth : MD_MAX_DEPTH;
	doc->format = "markdown";
	if ((root = cmark_parse_document(utf8, len,
	    CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)) == NULL) {
		diag_add(d, doc->source, first_line, 0, SEV_ERROR,
		    "cmark could not parse the document");
		buf_free(&clean);
		return -1;
	}
	md_index(&m);
	md_survey(&m, root);
	rc = md_walk(&m, root);
	cmark_node_free(root);
	free(m.lines);
	buf_free(&clean);
	meta_infer(doc, NULL, d);
	return rc;
}

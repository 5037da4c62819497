/*
 * view.c — one document as template data: stable anchors from the
 * numbering, node views with inline enumerations cut out of the text,
 * the table of contents, and bar charts as geometry for templates.
 */
#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"

/* ---- Anchors ---- */

struct anchor_slot {
	const struct node	*n;
	const char		*id;
	size_t			 ord;	/* 1-based among like siblings */
};

/* The nearest ancestor of n of type t, or NULL. */
static const struct node *
ancestor(const struct node *n, enum node_type t)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n->type == t)
			return n;
	return NULL;
}

/* Append the decimal digits of v to b. */
static void
put_num(struct buf *b, size_t v)
{
	char	 d[24];
	size_t	 i = sizeof(d);

	do
		d[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_put(b, d + i, sizeof(d) - i);
}

/* Append n's token to b: the value of its number, else its number as
 * an ASCII slug, else its position ord. */
static void
node_token(struct buf *b, const struct node *n, size_t ord)
{
	size_t	 start = b->len, i;
	int	 v;

	if ((v = num_value(n->num)) >= 0) {
		put_num(b, (size_t)v);
		return;
	}
	if (n->num != NULL) {
		slug_append(b, n->num, strlen(n->num), 16);
		for (i = start; i < b->len; i++)
			if ((unsigned char)b->data[i] >= 0x80)
				break;
		if (b->len > start && i == b->len)
			return;
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
	}
	put_num(b, ord);
}

/* The base id of n, given the ids of its ancestors. */
static void
node_base_id(const struct anchors *an, const struct node *n, size_t ord,
    size_t *npara, struct buf *b)
{
	const struct node	*sec, *host;

	buf_reset(b);
	switch (n->type) {
	case NODE_SECTION:
		if ((sec = ancestor(n, NODE_SECTION)) != NULL) {
			buf_puts(b, anchor_of(an, sec));
			buf_putc(b, '-');
		} else
			buf_putc(b, 's');
		node_token(b, n, ord);
		break;
	case NODE_PARAGRAPH:
		buf_putc(b, 'p');
		put_num(b, ++*npara);
		break;
	case NODE_ITEM:
		host = n->parent ? n->parent->parent : NULL;
		if (host != NULL && (host->type == NODE_ITEM ||
		    host->type == NODE_PARAGRAPH)) {
			buf_puts(b, anchor_of(an, host));
			buf_putc(b, '-');
		} else if ((sec = ancestor(n, NODE_SECTION)) != NULL) {
			buf_puts(b, anchor_of(an, sec));
			buf_puts(b, "-i");
		} else
			buf_putc(b, 'i');
		node_token(b, n, ord);
		break;
	case NODE_ROOT:
	case NODE_LIST:
		break;
	}
}

/* Give every node of doc its id (n->anchor, in doc's arena; the
 * root's is "", set last). */
void
anchors_build(struct anchors *an, struct doc *doc)
{
	struct node	*n;
	struct tree_iter it;
	enum tree_event	 ev;
	struct buf	 b = BUF_INIT;
	/* Per depth of the walk, how many children of each type of the
	 * node being walked came so far: a node's position among its
	 * like siblings (1-based), without a table of every node. */
	size_t		(*ords)[NODE_PARAGRAPH + 1] = NULL;
	size_t		 depth = 0, cap = 0, npara = 0, ord;
	/* The ids taken so far, kept only while they are given: each is
	 * in doc's arena once, and the set points at it. */
	struct slugset	 ids = SLUGSET_INIT;

	anchors_free(an);
	if (doc->root == NULL)
		return;
	/* Room for an id a node, taken at once. */
	tree_iter_init(&it, doc->root);
	for (ord = 0; tree_next(&it) != NULL; ord++)
		continue;
	slugset_reserve(&ids, ord);
	cap = 16;
	ords = xcalloc(cap, sizeof(*ords));
	/* depth: of n's children; the root's are at 0. */
	tree_iter_init(&it, doc->root);
	tree_iter_next(&it);
	while ((ev = tree_iter_next(&it)) != TREE_DONE) {
		if ((n = it.node) == doc->root)
			continue;
		if (ev == TREE_EXIT) {
			depth--;
			continue;
		}
		ord = ++ords[depth][n->type];
		node_base_id(an, n, ord, &npara, &b);
		n->anchor = b.len ? slugset_claim_in(&ids, &doc->arena,
		    b.data, '_', NULL) : "";
		if (++depth == cap) {
			ords = xreallocarray(ords, cap * 2, sizeof(*ords));
			cap *= 2;
		}
		memset(ords[depth], 0, sizeof(ords[depth]));
	}
	free(ords);
	slugset_free(&ids);
	doc->root->anchor = "";
	buf_free(&b);
}

/* The id of n, or "". */
const char *
anchor_of(const struct anchors *an, const struct node *n)
{
	(void)an;
	return n->anchor != NULL ? n->anchor : "";
}

/* Free what an holds (nothing now: the ids are in the nodes). */
void
anchors_free(struct anchors *an)
{
	free(an->v);
	memset(an, 0, sizeof(*an));
}

/* ---- Counting ---- */

/* The 项 under n (n not counted): node_counts()'s items. */
static size_t
node_items(const struct node *n)
{
	struct counts	 c;

	node_counts(n, &c);
	return c.items;
}

/* ---- Node views ---- */

static struct value *
vstr(struct arena *a, const char *s)
{
	return value_cstr(a, s ? s : "");
}

static struct value *
tags_view(const struct view *v, const struct node *n)
{
	struct value	*arr = value_arr(v->a), *t;
	size_t		 i;

	for (i = 0; i < n->ntags; i++) {
		t = value_push(arr, value_obj(v->a));
		value_set_ref(t, "name", vstr(v->a, n->tags[i]));
		value_set_ref(t, "href", vstr(v->a,
		    v->tag_href(v->arg, n->tags[i])));
	}
	return arr;
}

/* A plain-text run of a host's text. */
static struct value *
seg_text(const struct view *v, const char *s, size_t len)
{
	struct value	*o = value_obj(v->a);

	value_set_ref(o, "text", value_str(v->a, s, len));
	value_set_ref(o, "is_enum", value_bool(v->a, 0));
	value_set_ref(o, "anchor", vstr(v->a, ""));
	value_set_ref(o, "label", vstr(v->a, ""));
	value_set_ref(o, "tags", value_arr(v->a));
	return o;
}

/* An inline item shown inside its host's text. */
static struct value *
seg_item(const struct view *v, const struct node *it)
{
	struct value	*o = value_obj(v->a);

	value_set_ref(o, "text", vstr(v->a, it->text ? it->text :
	    it->title));
	value_set_ref(o, "is_enum", value_bool(v->a, 1));
	value_set_ref(o, "anchor", vstr(v->a, anchor_of(v->anchors, it)));
	value_set_ref(o, "label", vstr(v->a, it->label));
	value_set_ref(o, "tags", tags_view(v, it));
	return o;
}

/* Find the items of the inline list l in text from *cur on, in order:
 * each its label, blanks, then its text.  Return 1 with pos[k] (label
 * start) and end[k] filled and *cur advanced, or 0. */
static int
match_inline(const struct node *l, const char *text, size_t *cur,
    size_t *pos, size_t *end)
{
	const struct node	*it;
	const char		*p, *body;
	size_t			 k = 0, at = *cur, blen;

	for (it = l->first; it != NULL; it = it->next, k++) {
		if (it->type != NODE_ITEM || it->label == NULL ||
		    it->label[0] == '\0' || it->first != NULL)
			return 0;
		if ((p = strstr(text + at, it->label)) == NULL)
			return 0;
		pos[k] = (size_t)(p - text);
		at = pos[k] + strlen(it->label);
		while (text[at] == ' ')
			at++;
		body = it->text ? it->text : it->title ? it->title : "";
		blen = strlen(body);
		if (strncmp(text + at, body, blen) != 0)
			return 0;
		end[k] = at + blen;
		at = end[k];
	}
	*cur = at;
	return 1;
}

/* Split text (the visible text of host) into runs appended to arr:
 * plain text and the items of host's inline lists, where each list's
 * items are found in order.  Mark embedded lists in done[] (indexed by
 * child position). */
static void
segments(const struct view *v, const struct node *host, const char *text,
    unsigned char *done, size_t nchild, struct value *arr)
{
	const struct node	*c, *it;
	size_t			 cur = 0, k, ci, n, *pos, *end, from;

	for (c = host->first, ci = 0; c != NULL && ci < nchild;
	    c = c->next, ci++) {
		if (c->type != NODE_LIST || c->style != LIST_INLINE)
			continue;
		n = 0;
		for (it = c->first; it != NULL; it = it->next)
			n++;
		if (n == 0)
			continue;
		pos = xcalloc(n, sizeof(*pos));
		end = xcalloc(n, sizeof(*end));
		from = cur;
		if (match_inline(c, text, &cur, pos, end)) {
			done[ci] = 1;
			for (it = c->first, k = 0; it != NULL;
			    it = it->next, k++) {
				if (pos[k] > from)
					value_push(arr, seg_text(v, text + from,
					    pos[k] - from));
				value_push(arr, seg_item(v, it));
				from = end[k];
			}
		}
		free(pos);
		free(end);
	}
	if (text[cur] != '\0')
		value_push(arr, seg_text(v, text + cur, strlen(text + cur)));
}

/* Is l a list of table rows (the document has columns and an item of l
 * has fields)? */
static int
is_table_list(const struct view *v, const struct node *l)
{
	const struct node	*it;

	if (l->type != NODE_LIST || v->doc->ncolumns == 0)
		return 0;
	for (it = l->first; it != NULL; it = it->next)
		if (it->nfields > 0)
			return 1;
	return 0;
}

/* How a table list shows its rows: the document columns that have a
 * cell in some row (empty columns are left out), and whether the item
 * titles need a column of their own. */
struct table {
	unsigned char	*used;	/* per document column */
	size_t		 ncols;	/* columns used */
	int		 show_title;
	int		 numbered; /* a row has a number: a 序号 column */
	int		 cards;	/* too wide for a phone: a card per row */
	int		 grouped; /* every row has a category (table.c): row
				 * groups, and no column of categories */
};

/* A table whose columns' longest cells (or names) add up to more code
 * points than this is shown on phones as a card per row; a smaller one
 * stays a table, which scrolls sideways where it must. */
#define TABLE_CARDS_CPS	40

/* The text of it's field named col, or "". */
static const char *
field_text(const struct node *it, const char *col)
{
	size_t	 j;

	for (j = 0; j < it->nfields; j++)
		if (strcmp(it->fields[j].name, col) == 0 &&
		    it->fields[j].text != NULL)
			return it->fields[j].text;
	return "";
}

static void
table_init(const struct view *v, const struct node *l, struct table *t)
{
	const struct node	*it;
	size_t			*w, i, n, width = 0;
	int			 shown;

	w = xcalloc(v->doc->ncolumns + 1, sizeof(*w));
	for (i = 0; i < v->doc->ncolumns; i++)
		w[i] = utf8_count(v->doc->columns[i],
		    strlen(v->doc->columns[i]));
	t->used = arena_alloc(v->a, v->doc->ncolumns + 1);
	memset(t->used, 0, v->doc->ncolumns + 1);
	t->ncols = 0;
	t->show_title = 0;
	t->numbered = 0;
	t->grouped = v->doc->category_column != NULL;
	for (it = l->first; it != NULL; it = it->next) {
		if (it->category == NULL)
			t->grouped = 0;
		if (it->label != NULL && it->label[0] != '\0')
			t->numbered = 1;
		shown = 0;
		for (i = 0; i < v->doc->ncolumns; i++) {
			const char *f = field_text(it, v->doc->columns[i]);
			if (f[0] != '\0')
				t->used[i] = 1;
			if ((n = utf8_count(f, strlen(f))) > w[i])
				w[i] = n;
			if (it->title && it->title[0] && strstr(f, it->title))
				shown = 1;
		}
		if (it->title && it->title[0] && !shown)
			t->show_title = 1;
		if (it->title && (n = utf8_count(it->title,
		    strlen(it->title))) > width)
			width = n;	/* the 事项 column, when shown */
	}
	if (!t->show_title)
		width = 0;
	for (i = 0; i < v->doc->ncolumns; i++) {
		/* ---- issue 17: row groups (the category column) ---- */
		if (t->grouped && strcmp(v->doc->columns[i],
		    v->doc->category_column) == 0)
			t->used[i] = 0;
		t->ncols += t->used[i];
		if (t->used[i])
			width += w[i];
	}
	if (t->ncols == 0)
		t->show_title = 1;
	t->cards = width > TABLE_CARDS_CPS;
	free(w);
}

/* The columns of table t that some row uses: {name}, and with row it
 * (not NULL) that row's cells: {name text}. */
static struct value *
cells_view(const struct view *v, const struct node *it,
    const struct table *t)
{
	struct value	*arr = value_arr(v->a), *c;
	size_t		 i;

	for (i = 0; i < v->doc->ncolumns; i++) {
		if (!t->used[i])
			continue;
		c = value_push(arr, value_obj(v->a));
		value_set_ref(c, "name", vstr(v->a, v->doc->columns[i]));
		if (it != NULL)
			value_set_ref(c, "text", vstr(v->a,
			    field_text(it, v->doc->columns[i])));
	}
	return arr;
}

/* ---- issue 17: row groups ---- */

/* The id of a row group of category cat (一、政策法规制定 → "c1"), the
 * ord-th (1-based) of its table when its numeral has no value. */
static const char *
group_anchor(const struct view *v, const char *cat, size_t ord)
{
	const char	*dun = strstr(cat, "、");
	int		 val = -1;

	if (dun != NULL && dun > cat)
		val = num_value(arena_strndup(v->a, cat, (size_t)(dun - cat)));
	return val >= 0 ? arena_printf(v->a, "c%d", val) :
	    arena_printf(v->a, "c-%zu", ord);
}

/* A table's rows grouped by category: [{name, anchor, span, rows}],
 * rows left empty for node_view() to fill; a group opens where the
 * category of a row differs from the row before. */
static struct value *
groups_view(const struct view *v, const struct node *l, double span)
{
	struct value		*arr = value_arr(v->a), *g;
	const struct node	*it, *prev = NULL;

	for (it = l->first; it != NULL; it = it->next) {
		if (it->category == NULL || (prev != NULL &&
		    strcmp(prev->category, it->category) == 0)) {
			prev = it->category ? it : prev;
			continue;
		}
		g = value_push(arr, value_obj(v->a));
		value_set_ref(g, "name", vstr(v->a, it->category));
		value_set_ref(g, "anchor", vstr(v->a, group_anchor(v,
		    it->category, arr->len)));
		value_set_ref(g, "span", value_num(v->a, span));
		value_set_ref(g, "rows", value_arr(v->a));
		prev = it;
	}
	return arr;
}

static void
set_bool(const struct view *v, struct value *o, const char *k, int b)
{
	value_set_ref(o, k, value_bool(v->a, b));
}

/* Does s hold more than blanks (ASCII or U+3000)? */
static int
has_text(const char *s)
{
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else
			return 1;
	}
	return 0;
}

/* The lead (bold first sentence) of an item and the rest of its text:
 * a lead only when more text follows it, so that an item of one
 * sentence is never set in bold as a whole. */
static void
item_lead(const struct node *n, const char **lead, const char **rest)
{
	size_t	 tl;

	*lead = "";
	*rest = n->text ? n->text : n->title ? n->title : "";
	if (n->title == NULL || (tl = strlen(n->title)) == 0 ||
	    n->text == NULL)
		return;
	if (strncmp(n->text, n->title, tl) == 0 && has_text(n->text + tl)) {
		*lead = n->title;
		*rest = n->text + tl;
	}
}

/* Add the members every node view has, set for n at depth (from the
 * body).  own is n's table when n is a table list; row is the table n
 * is a row of, or NULL.  Return the text shown for n (after its lead);
 * *body and *segs get its empty "body" and "segments" arrays. */
static const char *
node_members(const struct view *v, struct value *o, const struct node *n,
    int depth, const struct table *own, const struct table *row,
    struct value **body, struct value **segs)
{
	const struct table	*t = own ? own : row;
	const char		*lead = "", *rest = "";
	struct value		*rel;
	int			 bullet = label_bullet(n->label);

	/* In the order node.mustache asks for them: a look-up walks the
	 * members from the first. */
	set_bool(v, o, "is_section", n->type == NODE_SECTION);
	set_bool(v, o, "is_para", n->type == NODE_PARAGRAPH);
	set_bool(v, o, "is_list", n->type == NODE_LIST);
	set_bool(v, o, "is_item", n->type == NODE_ITEM);
	set_bool(v, o, "is_row", row != NULL);
	*body = value_set_ref(o, "body", value_arr(v->a));
	value_set_ref(o, "anchor", vstr(v->a, anchor_of(v->anchors, n)));
	value_set_ref(o, "label", vstr(v->a, bullet ? "" : n->label));
	set_bool(v, o, "bullet", bullet);
	if (n->type == NODE_ITEM)
		item_lead(n, &lead, &rest);
	else if (n->type == NODE_PARAGRAPH)
		rest = n->text ? n->text : "";
	value_set_ref(o, "lead", vstr(v->a, lead));
	*segs = value_set_ref(o, "segments", value_arr(v->a));
	value_set_ref(o, "tags", tags_view(v, n));
	/* issue 21: 相关事项, the related items of other documents. */
	rel = value_set_ref(o, "related_items", v->related != NULL &&
	    (n->type == NODE_ITEM || n->type == NODE_PARAGRAPH) ?
	    v->related(v->arg, v->a, n) : value_arr(v->a));
	set_bool(v, o, "has_related", rel->len > 0);
	value_set_ref(o, "title", vstr(v->a, n->title));
	value_set_ref(o, "text", vstr(v->a, rest));
	set_bool(v, o, "is_table", own != NULL);
	set_bool(v, o, "cards", own != NULL && own->cards);
	set_bool(v, o, "is_enum", n->type == NODE_LIST &&
	    n->style == LIST_INLINE && own == NULL);
	set_bool(v, o, "show_title", t != NULL && t->show_title);
	set_bool(v, o, "numbered", t != NULL && t->numbered);
	value_set_ref(o, "h", value_num(v->a, n->type != NODE_SECTION ? 0 :
	    depth + 2 > 6 ? 6 : depth + 2));
	value_set_ref(o, "level", value_num(v->a, n->level));
	value_set_ref(o, "line", value_num(v->a, n->line));
	value_set_ref(o, "num", vstr(v->a, n->num));
	value_set_ref(o, "count", value_num(v->a,
	    n->type == NODE_SECTION ? (double)node_items(n) : 0));
	value_set_ref(o, "columns", own ? cells_view(v, NULL, own) :
	    value_arr(v->a));
	value_set_ref(o, "cells", row ? cells_view(v, n, row) :
	    value_arr(v->a));
	value_set_ref(o, "span", value_num(v->a, t ?
	    (double)t->ncols + (t->numbered ? 1 : 0) +
	    (t->show_title ? 1 : 0) : 0));
	/* ---- issue 17: row groups ---- */
	set_bool(v, o, "grouped", own != NULL && own->grouped);
	value_set_ref(o, "group_column", vstr(v->a, own != NULL &&
	    own->grouped ? v->doc->category_column : ""));
	value_set_ref(o, "groups", own != NULL && own->grouped ?
	    groups_view(v, n, (double)own->ncols + (own->numbered ? 1 : 0) +
	    (own->show_title ? 1 : 0)) : value_arr(v->a));
	return rest;
}

/* The children of a node as the members of its "body", each made (with
 * the views under it) when the page reaches it, in v's arena above a
 * mark, and freed when the next one is made: a page holds the views of
 * one path down the tree at a time, not of the whole document. */
struct body_gen {
	struct value_gen	 g;
	struct view		 v;
	const struct node	*n;	/* whose children */
	int			 depth;	/* of the children */
	const struct table	*own;	/* n's table when it is one */
	const unsigned char	*done;	/* children shown in n's text */
	const struct node	*cur;	/* the child made last */
	size_t			 ci;	/* its position */
	struct arena_mark	 mark;	/* the arena before it */
};

static struct value *node_view(const struct view *, const struct node *,
    int, const struct table *);

/* value_gen: the view of the child after the one prev is (the first
 * when prev is NULL); the one before is freed. */
static const struct value *
body_next(struct value_gen *g0, const struct value *prev)
{
	struct body_gen		*g = (struct body_gen *)g0;
	const struct node	*c;
	size_t			 ci;

	if (prev == NULL) {
		arena_mark(g->v.a, &g->mark);
		c = g->n->first;
		ci = 0;
	} else {
		arena_release(g->v.a, &g->mark);
		c = g->cur->next;
		ci = g->ci + 1;
	}
	while (c != NULL && g->done != NULL && g->done[ci]) {
		c = c->next;
		ci++;
	}
	if (c == NULL)
		return NULL;
	g->cur = c;
	g->ci = ci;
	return node_view(&g->v, c, g->depth, g->own != NULL &&
	    c->type == NODE_ITEM ? g->own : NULL);
}

/* Turn the empty array body into the views of n's children not in
 * done (NULL: all), at depth, rows of own when n is a table. */
static void
body_lazy(const struct view *v, struct value *body, const struct node *n,
    int depth, const struct table *own, const unsigned char *done)
{
	struct body_gen		*g = arena_alloc(v->a, sizeof(*g));
	const struct node	*c;
	size_t			 ci, len = 0;

	g->g.next = body_next;
	g->v = *v;
	g->n = n;
	g->depth = depth;
	g->own = own;
	g->done = done;
	for (c = n->first, ci = 0; c != NULL; c = c->next, ci++)
		if (done == NULL || !done[ci])
			len++;
	value_arr_gen(body, &g->g, len);
}

/* Has this warning about n been given already (a page read twice)? */
static int
deep_warned(const struct view *v, const struct node *n)
{
	size_t	 i, k;

	for (i = v->d->n, k = 0; i > 0 && k < 64; i--, k++)
		if (v->d->v[i - 1].line == n->line &&
		    v->d->v[i - 1].id != NULL &&
		    strcmp(v->d->v[i - 1].id, "deep-nesting") == 0)
			return 1;
	return 0;
}

/* The view of n, its body made when it is reached (body_lazy); depth
 * counts from the body; row is the table n is a row of, or NULL. */
static struct value *
node_view(const struct view *v, const struct node *n, int depth,
    const struct table *row)
{
	struct value		*o = value_obj(v->a), *body, *segs, *dest;
	struct value		*gcur = NULL;
	const struct node	*c, *gprev = NULL;
	const char		*text;
	struct table		*own = NULL;
	unsigned char		*done;
	size_t			 nchild = 0, ci;

	if (is_table_list(v, n)) {
		own = arena_alloc(v->a, sizeof(*own));
		table_init(v, n, own);
	}
	text = node_members(v, o, n, depth, own, row, &body, &segs);
	for (c = n->first; c != NULL; c = c->next)
		nchild++;
	done = arena_alloc(v->a, nchild + 1);
	if (n->type == NODE_ITEM || n->type == NODE_PARAGRAPH)
		segments(v, n, text, done, nchild, segs);
	if (depth >= v->maxdepth && n->first != NULL) {
		if (!deep_warned(v, n))
			diag_add_id(v->d, v->doc->source, n->line, 0,
			    SEV_WARNING, "deep-nesting", "nesting deeper "
			    "than %d levels is not shown on the site",
			    v->maxdepth);
	} else if (own != NULL && own->grouped) {
		/* issue 17: a row goes into its row group, the next one
		 * when its category changes (made here, with the
		 * groups; the rows' own bodies are made when reached). */
		for (c = n->first, ci = 0; c != NULL; c = c->next, ci++) {
			if (done[ci])
				continue;
			dest = body;
			if (c->type == NODE_ITEM) {
				if (gprev == NULL || strcmp(gprev->category,
				    c->category) != 0)
					gcur = gcur == NULL ? (struct value *)
					    value_get(o, "groups", 6)->first :
					    gcur->next;
				gprev = c;
				dest = (struct value *)value_get(gcur, "rows",
				    4);
			}
			value_push(dest, node_view(v, c, depth + 1,
			    c->type == NODE_ITEM ? own : NULL));
		}
	} else if (n->first != NULL)
		body_lazy(v, body, n, depth + 1, own, done);
	return o;
}

/* The body of the document as an array of node views, each made when
 * the page reaches it. */
struct value *
view_body(const struct view *v)
{
	struct value	*arr = value_arr(v->a);

	if (v->doc->root->first != NULL)
		body_lazy(v, arr, v->doc->root, 0, NULL, NULL);
	return arr;
}

/* The sections of the document as the members of the table of
 * contents, each made when the page reaches it (as body_gen). */
struct toc_gen {
	struct value_gen	 g;
	struct view		 v;
	const struct node	*cur;	/* the section made last */
	struct arena_mark	 mark;
};

/* The next section after n in the document, or NULL. */
static const struct node *
next_section(const struct view *v, const struct node *n)
{
	struct tree_iter	 it;

	tree_iter_init(&it, v->doc->root);
	tree_iter_reset(&it, n, TREE_ENTER);
	while ((n = tree_next(&it)) != NULL && n->type != NODE_SECTION)
		continue;
	return n;
}

/* value_gen: the entry of the section after prev's (the first when
 * prev is NULL); the one before is freed. */
static const struct value *
toc_next(struct value_gen *g0, const struct value *prev)
{
	struct toc_gen		*g = (struct toc_gen *)g0;
	const struct view	*v = &g->v;
	const struct node	*n, *p;
	struct value		*o;
	int			 depth;

	if (prev == NULL)
		arena_mark(v->a, &g->mark);
	else
		arena_release(v->a, &g->mark);
	n = next_section(v, prev == NULL ? v->doc->root : g->cur);
	if (n == NULL)
		return NULL;
	g->cur = n;
	depth = 1;
	for (p = ancestor(n, NODE_SECTION); p != NULL;
	    p = ancestor(p, NODE_SECTION))
		depth++;
	o = value_obj(v->a);
	value_set_ref(o, "anchor", vstr(v->a, anchor_of(v->anchors, n)));
	value_set_ref(o, "label", vstr(v->a, n->label));
	value_set_ref(o, "title", vstr(v->a, n->title));
	value_set_ref(o, "depth", value_num(v->a, depth > 6 ? 6 : depth));
	value_set_ref(o, "count", value_num(v->a, (double)node_items(n)));
	return o;
}

/* The sections of the document in order, with their depth. */
struct value *
view_toc(const struct view *v)
{
	struct value		*arr = value_arr(v->a);
	struct toc_gen		*g = arena_alloc(v->a, sizeof(*g));
	const struct node	*n;
	size_t			 len = 0;

	g->g.next = toc_next;
	g->v = *v;
	for (n = next_section(v, v->doc->root); n != NULL;
	    n = next_section(v, n))
		len++;
	value_arr_gen(arr, &g->g, len);
	return arr;
}

/* ---- Document extras ---- */

/* Extra front-matter keys of a document as [{key, value}]. */
struct value *
view_extra(struct arena *a, const struct doc *doc)
{
	struct value	*arr = value_arr(a), *o;
	size_t		 i;

	for (i = 0; i < doc->nextra; i++) {
		if (doc->extra[i].key && strcmp(doc->extra[i].key,
		    "sample") == 0)
			continue;	/* shown as a banner */
		o = value_push(arr, value_obj(a));
		value_set_ref(o, "key", vstr(a, doc->extra[i].key));
		value_set_ref(o, "value", vstr(a, doc->extra[i].value));
	}
	return arr;
}

/* Every front-matter field by its name ({{doc.meta.文号}}): title,
 * year, org and kind where known, then the other keys as written. */
struct value *
view_meta(struct arena *a, const struct doc *doc)
{
	struct value	*o = value_obj(a);
	size_t		 i;

	if (doc->title != NULL)
		value_set_ref(o, "title", vstr(a, doc->title));
	if (doc->year != 0)
		value_set_ref(o, "year", value_num(a, doc->year));
	if (doc->org != NULL)
		value_set_ref(o, "org", vstr(a, doc->org));
	if (doc->kind != NULL)
		value_set_ref(o, "kind", vstr(a, doc->kind));
	for (i = 0; i < doc->nextra; i++)
		if (doc->extra[i].key != NULL && doc->extra[i].value != NULL)
			value_set_ref(o, doc->extra[i].key,
			    vstr(a, doc->extra[i].value));
	return o;
}

/* The bar chart of items per top-level section, or false. */
struct value *
view_doc_chart(struct arena *a, const struct doc *doc)
{
	const struct node	*n;
	struct chart_row	*rows;
	struct value		*v;
	const char		*series = "事项";
	size_t			 nrows = 0, max = 0, cnt;

	for (n = doc->root->first; n != NULL; n = n->next)
		if (n->type == NODE_SECTION)
			nrows++;
	if (nrows == 0)
		return value_bool(a, 0);
	rows = xcalloc(nrows, sizeof(*rows));
	nrows = 0;
	for (n = doc->root->first; n != NULL; n = n->next) {
		if (n->type != NODE_SECTION)
			continue;
		cnt = node_items(n);
		max = cnt > max ? cnt : max;
		rows[nrows].label = summary_shorten(a, arena_printf(a, "%s%s",
		    n->label ? n->label : "", n->title ? n->title : ""), 12);
		rows[nrows].full = arena_printf(a, "%s%s：%zu 项",
		    n->label ? n->label : "", n->title ? n->title : "", cnt);
		rows[nrows++].v[0] = (double)cnt;
	}
	v = max > 0 ? view_chart(a, "各部分事项数", &series, 1, rows, nrows) :
	    value_bool(a, 0);
	free(rows);
	return v;
}

/* ---- Charts ---- */

/* The one bar chart of the site and the print editions: the same rows
 * and the same rule, two geometries.  The web's (chart.mustache, an
 * HTML table whose bars CSS scales to the page's width) in CSS pixels
 * at 13px; the print editions' (chart-svg.mustache, an SVG figure) in
 * user units at 14px, with the second series drawn over the first (a
 * part of it: annotated items among items) under a legend. */
const struct chart_geom chart_web = { 640, 13, 220, 24, 26, 16, 48, 0 };
const struct chart_geom chart_print = { 600, 14, 210, 34, 34, 18, 48, 1 };

/* Width of s in chart units at font size px: CJK full width, ASCII
 * half and a bit (the faces' digits and Latin letters). */
static int
text_width(const char *s, int px)
{
	size_t		 i = 0, len = strlen(s), n;
	uint32_t	 cp;
	int		 w = 0;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			n = 1;
		i += n;
		w += cp < 0x80 ? (px + 1) / 2 : px;
	}
	return w;
}

/* v as the JSON writes it (shortest form), in a. */
static const char *
num_text(struct arena *a, double v)
{
	struct value	 n;
	struct buf	 b = BUF_INIT;
	const char	*s;

	memset(&n, 0, sizeof(n));
	n.type = V_NUM;
	n.num = v;
	value_text(&n, &b);
	s = arena_strdup(a, b.len ? buf_cstr(&b) : "");
	buf_free(&b);
	return s;
}

/* The length of a bar of v out of max in room units: rounded, at least
 * 2 when v is not 0 (a value is never drawn as nothing), 0 for 0. */
int
chart_bar(double v, double max, int room)
{
	int	 w;

	if (v <= 0 || max <= 0)
		return 0;
	w = (int)(v * room / max + 0.5);
	return w < 2 ? 2 : w > room ? room : w;
}

struct value *
chart_view(struct arena *a, const struct chart_geom *g, const char *title,
    const char *const *series, size_t nseries, const struct chart_row *rows,
    size_t nrows, double full)
{
	struct value	*o = value_obj(a), *arr, *r, *cells, *c, *p;
	double		 max[2] = { 0, 0 };
	size_t		 i, s, np;
	int		 lw = 0, pw, bw, y, x0, w, wmax, lx;

	if (nseries < 1)
		nseries = 1;
	if (nseries > 2)
		nseries = 2;
	for (i = 0; i < nrows; i++) {
		if ((w = text_width(rows[i].label, g->font)) > lw)
			lw = w;
		for (s = 0; s < nseries; s++) {
			/* Overlaid series share the first one's scale. */
			size_t k = g->overlay ? 0 : s;

			if (rows[i].v[s] > max[k])
				max[k] = rows[i].v[s];
		}
	}
	if (full > 0)
		max[0] = max[1] = full;
	lw = (lw > g->label_max ? g->label_max : lw) + 12;
	np = g->overlay ? 1 : nseries;
	pw = (g->width - lw) / (int)np;
	bw = pw - g->room;
	value_set_ref(o, "title", value_cstr(a, title));
	value_set_ref(o, "width", value_num(a, g->width));
	value_set_ref(o, "height", value_num(a,
	    g->head + (double)nrows * g->row + 4));
	value_set_ref(o, "lx", value_num(a, lw - 8));
	value_set_ref(o, "bw", value_num(a, bw));
	value_set_ref(o, "bh", value_num(a, g->bar));
	value_set_ref(o, "overlay", value_bool(a, g->overlay));
	/* Panels: a column head over each panel, or with overlaid series
	 * a legend entry each (a swatch of the bar's height, its name). */
	arr = value_set_ref(o, "panels", value_arr(a));
	for (s = 0, lx = lw; s < nseries; s++) {
		p = value_push(arr, value_obj(a));
		value_set_ref(p, "name", value_cstr(a, series[s]));
		value_set_ref(p, "k", value_num(a, (double)s + 1));
		value_set_ref(p, "first", value_bool(a, s == 0));
		value_set_ref(p, "x", value_num(a, g->overlay ? lx :
		    lw + (double)s * pw));
		value_set_ref(p, "tx", value_num(a, g->overlay ?
		    lx + g->font + 6 : lw + (double)s * pw));
		value_set_ref(p, "y", value_num(a, g->head - 8 - g->font));
		value_set_ref(p, "ty", value_num(a, g->head - 10));
		lx += g->font + 6 + text_width(series[s], g->font) + 24;
	}
	arr = value_set_ref(o, "rows", value_arr(a));
	for (i = 0; i < nrows; i++) {
		r = value_push(arr, value_obj(a));
		y = g->head + (int)i * g->row;
		value_set_ref(r, "label", value_cstr(a, rows[i].label));
		value_set_ref(r, "full", value_cstr(a, rows[i].full));
		value_set_ref(r, "href", value_cstr(a, rows[i].href ?
		    rows[i].href : ""));
		value_set_ref(r, "mark", value_bool(a, rows[i].mark));
		value_set_ref(r, "y", value_num(a, y + (g->row - g->bar) / 2));
		/* The baseline of a 1em line centred on the row. */
		value_set_ref(r, "ty", value_num(a, y + (g->row + g->font) / 2 -
		    g->font / 8));
		cells = value_set_ref(r, "cells", value_arr(a));
		wmax = 0;
		for (s = 0; s < nseries; s++)
			if ((w = chart_bar(rows[i].v[s],
			    max[g->overlay ? 0 : s], bw)) > wmax)
				wmax = w;
		for (s = 0; s < nseries; s++) {
			x0 = lw + (g->overlay ? 0 : (int)s * pw);
			w = chart_bar(rows[i].v[s], max[g->overlay ? 0 : s], bw);
			c = value_push(cells, value_obj(a));
			value_set_ref(c, "x", value_num(a, x0));
			value_set_ref(c, "w", value_num(a, w));
			value_set_ref(c, "vx", value_num(a, x0 +
			    (g->overlay ? wmax : w) + 6));
			value_set_ref(c, "value", value_num(a, rows[i].v[s]));
			/* The number shown: as written when given; none
			 * for 0 (no page prints a zero count) and,
			 * overlaid, only the first series' (the whole). */
			value_set_ref(c, "text", value_cstr(a,
			    rows[i].text[s] != NULL ? rows[i].text[s] :
			    rows[i].v[s] == 0 || (g->overlay && s > 0) ? "" :
			    num_text(a, rows[i].v[s])));
			value_set_ref(c, "series", value_cstr(a, series[s]));
			value_set_ref(c, "k", value_num(a, (double)s + 1));
			value_set_ref(c, "first", value_bool(a, s == 0));
		}
	}
	return o;
}

/* A bar chart in the web's geometry (chart_view()). */
struct value *
view_chart(struct arena *a, const char *title, const char *const *series,
    size_t nseries, const struct chart_row *rows, size_t nrows)
{
	return chart_view(a, &chart_web, title, series, nseries, rows, nrows,
	    0);
}

struct value *
view_share_chart(struct arena *a, const char *title,
    const char *const *series, size_t nseries, const struct chart_row *rows,
    size_t nrows)
{
	return chart_view(a, &chart_web, title, series, nseries, rows, nrows,
	    100);
}

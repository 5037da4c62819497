/*
 * tree.c — the document tree: life cycle, invariants, JSON form.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"

/* ---- Life cycle ---- */

/* A new empty document for source; free with doc_free(). */
struct doc *
doc_new(const char *source)
{
	struct doc	*doc = xcalloc(1, sizeof(*doc));

	doc->source = arena_strdup(&doc->arena, source);
	doc->encoding = "UTF-8";
	doc->format = "text";
	doc->root = node_new(doc, NODE_ROOT, 0);
	return doc;
}

/* Free doc and everything in its arena. */
void
doc_free(struct doc *doc)
{
	if (doc == NULL)
		return;
	arena_free(&doc->arena);
	free(doc);
}

/* May a node of type child sit directly under one of type parent? */
int
node_may_hold(enum node_type parent, enum node_type child)
{
	switch (parent) {
	case NODE_ROOT:
	case NODE_SECTION:
		return child == NODE_SECTION || child == NODE_LIST ||
		    child == NODE_PARAGRAPH;
	case NODE_LIST:
		return child == NODE_ITEM;
	case NODE_ITEM:
		return child == NODE_LIST || child == NODE_PARAGRAPH;
	case NODE_PARAGRAPH:
		return child == NODE_LIST;
	}
	return 0;
}

/* ---- The walk (cmark's iterator: enter and exit events) ---- */

void
tree_iter_init(struct tree_iter *it, const struct node *root)
{
	it->root = (struct node *)root;
	it->node = NULL;
	it->ev = TREE_DONE;
}

/* Enter root first; after an enter go down to the first child, or
 * leave a node without children; after an exit enter the next sibling,
 * or leave the parent; root's exit ends the walk. */
enum tree_event
tree_iter_next(struct tree_iter *it)
{
	struct node	*n = it->node;

	if (n == NULL) {
		if (it->root == NULL)
			return TREE_DONE;
		it->node = it->root;
		return it->ev = TREE_ENTER;
	}
	if (it->ev == TREE_ENTER) {
		if (n->first != NULL)
			it->node = n->first;
		else
			it->ev = TREE_EXIT;
	} else if (it->ev == TREE_EXIT) {
		if (n == it->root) {
			it->ev = TREE_DONE;
		} else if (n->next != NULL) {
			it->node = n->next;
			it->ev = TREE_ENTER;
		} else
			it->node = n->parent;
	}
	return it->ev;
}

void
tree_iter_reset(struct tree_iter *it, const struct node *n,
    enum tree_event ev)
{
	it->node = (struct node *)n;
	it->ev = ev;
}

struct node *
tree_next(struct tree_iter *it)
{
	enum tree_event	 ev;

	while ((ev = tree_iter_next(it)) == TREE_EXIT)
		continue;
	return ev == TREE_ENTER ? it->node : NULL;
}

/* A new unlinked node in doc's arena. */
struct node *
node_new(struct doc *doc, enum node_type type, int line)
{
	struct node	*n = arena_alloc(&doc->arena, sizeof(*n));

	n->type = type;
	n->line = line;
	return n;
}

/* Link child as parent's last child; return child. */
struct node *
node_append(struct node *parent, struct node *child)
{
	assert(node_may_hold(parent->type, child->type));
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
	return child;
}

/* Unlink n from its parent and siblings. */
void
node_unlink(struct node *n)
{
	if (n->parent == NULL)
		return;
	if (n->prev)
		n->prev->next = n->next;
	else
		n->parent->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		n->parent->last = n->prev;
	n->parent = n->next = n->prev = NULL;
}

/* Add the tag s[0..len) (copied) to n. */
void
node_add_tag(struct doc *doc, struct node *n, const char *s, size_t len)
{
	const char	**tags;

	tags = arena_alloc(&doc->arena, (n->ntags + 1) * sizeof(*tags));
	if (n->ntags)
		memcpy(tags, n->tags, n->ntags * sizeof(*tags));
	tags[n->ntags++] = arena_strndup(&doc->arena, s, len);
	n->tags = tags;
}

/* Set n's field name to text[0..len) (both copied). */
void
node_set_field(struct doc *doc, struct node *n, const char *name,
    const char *text, size_t len)
{
	struct field	*f;
	size_t		 i;

	for (i = 0; i < n->nfields; i++)
		if (strcmp(n->fields[i].name, name) == 0) {
			n->fields[i].text = arena_strndup(&doc->arena, text,
			    len);
			return;
		}
	f = arena_alloc(&doc->arena, (n->nfields + 1) * sizeof(*f));
	if (n->nfields)
		memcpy(f, n->fields, n->nfields * sizeof(*f));
	f[n->nfields].name = arena_strdup(&doc->arena, name);
	f[n->nfields].text = arena_strndup(&doc->arena, text, len);
	n->fields = f;
	n->nfields++;
}

/* Add column s[0..len) to doc unless present; return its index. */
size_t
doc_add_column(struct doc *doc, const char *s, size_t len)
{
	const char	**cols;
	size_t		  i;

	for (i = 0; i < doc->ncolumns; i++)
		if (strncmp(doc->columns[i], s, len) == 0 &&
		    doc->columns[i][len] == '\0')
			return i;
	cols = arena_alloc(&doc->arena, (doc->ncolumns + 1) * sizeof(*cols));
	if (doc->ncolumns)
		memcpy(cols, doc->columns, doc->ncolumns * sizeof(*cols));
	cols[doc->ncolumns] = arena_strndup(&doc->arena, s, len);
	doc->columns = cols;
	return doc->ncolumns++;
}

/* ---- Invariants ---- */

static int
str_ok(const char *s)
{
	size_t	 n;

	if (s == NULL)
		return 1;
	n = strlen(s);
	return utf8_valid(s, n) == n;
}


/* Check links, nesting and strings of the whole tree without recursion.
 * Return 0, or -1 with a message in err. */
int
tree_check(const struct doc *doc, char *err, size_t errlen)
{
	const struct node	*n, *c, *prev;
	struct tree_iter	 it;
	size_t			 i;

	if (doc->root == NULL || doc->root->type != NODE_ROOT ||
	    doc->root->parent != NULL) {
		snprintf(err, errlen, "bad root");
		return -1;
	}
	if (!str_ok(doc->title) || !str_ok(doc->org) || !str_ok(doc->kind)) {
		snprintf(err, errlen, "metadata is not UTF-8");
		return -1;
	}
	tree_iter_init(&it, doc->root);
	while ((n = tree_next(&it)) != NULL) {
		if (!str_ok(n->num) || !str_ok(n->label) ||
		    !str_ok(n->title) || !str_ok(n->text) ||
		    !str_ok(n->category)) {
			snprintf(err, errlen, "line %d: text is not UTF-8",
			    n->line);
			return -1;
		}
		for (i = 0; i < n->ntags; i++)
			if (n->tags[i] == NULL || !str_ok(n->tags[i])) {
				snprintf(err, errlen, "line %d: bad tag",
				    n->line);
				return -1;
			}
		prev = NULL;
		for (c = n->first; c != NULL; c = c->next) {
			if (c->parent != n || c->prev != prev ||
			    !node_may_hold(n->type, c->type)) {
				snprintf(err, errlen,
				    "line %d: bad child at line %d",
				    n->line, c->line);
				return -1;
			}
			prev = c;
		}
		if (n->last != prev) {
			snprintf(err, errlen, "line %d: bad last child",
			    n->line);
			return -1;
		}
	}
	return 0;
}

/* ---- JSON form (DESIGN.md) ---- */

static const char *const type_names[] = {
	[NODE_ROOT] = "root",
	[NODE_SECTION] = "section",
	[NODE_LIST] = "list",
	[NODE_ITEM] = "item",
	[NODE_PARAGRAPH] = "paragraph",
};

static struct value *
tags_value(struct arena *a, const struct node *n)
{
	struct value	*v = value_arr(a);
	size_t		 i;

	for (i = 0; i < n->ntags; i++)
		value_push(v, value_cstr(a, n->tags[i]));
	return v;
}

/* The figures of a document not yet written, in the order of its items
 * (doc->figs): a walk in pre-order takes each item's in turn. */
struct figcur {
	const struct figure	*v;
	size_t			 n, i;
};

/* The figures of item n from c (none when c is NULL) as an array, or
 * NULL when n has none. */
static struct value *
figures_value(struct arena *a, const struct node *n, struct figcur *c)
{
	struct value	*arr = NULL, *o;
	const struct figure *f;

	while (c != NULL && c->i < c->n && c->v[c->i].node == n) {
		f = &c->v[c->i++];
		if (arr == NULL)
			arr = value_arr(a);
		o = value_push(arr, value_obj(a));
		value_set_ref(o, "value", value_cstr(a, f->value));
		value_set_ref(o, "num", value_num(a, f->num));
		value_set_ref(o, "num2", value_num(a, f->num2));
		value_set_ref(o, "unit", value_cstr(a, f->unit));
		value_set_ref(o, "cmp", value_cstr(a, f->cmp));
		value_set_ref(o, "subject", value_cstr(a, f->subject));
		value_set_ref(o, "sentence", value_cstr(a, f->sentence));
	}
	return arr;
}

/* The members of n itself, without its body; an item's figures from c. */
static struct value *
node_head(struct arena *a, const struct node *n, struct figcur *c)
{
	struct value	*figs;
	struct value	*v = value_obj(a), *f;
	size_t		 i;

	value_set_ref(v, "type", value_cstr(a, type_names[n->type]));
	if (n->type != NODE_LIST)
		value_set_ref(v, "line", value_num(a, n->line));
	switch (n->type) {
	case NODE_SECTION:
		value_set_ref(v, "level", value_num(a, n->level));
		value_set_ref(v, "num", value_cstr(a, n->num));
		value_set_ref(v, "label", value_cstr(a, n->label));
		value_set_ref(v, "title", value_cstr(a, n->title));
		value_set_ref(v, "tags", tags_value(a, n));
		break;
	case NODE_LIST:
		value_set_ref(v, "style", value_cstr(a,
		    n->style == LIST_INLINE ? "inline" : "block"));
		break;
	case NODE_ITEM:
		value_set_ref(v, "num", value_cstr(a, n->num));
		value_set_ref(v, "label", value_cstr(a, n->label));
		value_set_ref(v, "title", value_cstr(a, n->title));
		value_set_ref(v, "text", value_cstr(a, n->text));
		value_set_ref(v, "tags", tags_value(a, n));
		if (n->category != NULL)
			value_set_ref(v, "category", value_cstr(a,
			    n->category));
		if (n->nfields) {
			f = value_set_ref(v, "fields", value_obj(a));
			for (i = 0; i < n->nfields; i++)
				value_set(a, f, n->fields[i].name,
				    value_cstr(a, n->fields[i].text));
		}
		if ((figs = figures_value(a, n, c)) != NULL)
			value_set_ref(v, "figures", figs);
		break;
	case NODE_PARAGRAPH:
		value_set_ref(v, "text", value_cstr(a, n->text));
		if ((figs = figures_value(a, n, c)) != NULL)
			value_set_ref(v, "figures", figs);
		break;
	case NODE_ROOT:
		break;
	}
	return v;
}

/* n and its subtree in DESIGN.md's form, built in arena a, iteratively
 * (the tree's depth is the parser's to cap, not the C stack's). */
static struct value *
node_value_figs(struct arena *a, const struct node *top, struct figcur *c)
{
	const struct node	*n;
	struct tree_iter	 it;
	enum tree_event		 ev;
	struct value		*v, *cur, *body;
	size_t			 depth = 0, k;

	v = node_head(a, top, c);
	if (top->type == NODE_PARAGRAPH && top->first == NULL)
		return v;
	body = value_set_ref(v, "body", value_arr(a));
	/* body: the "body" array of the parent of the node entered next,
	 * depth its depth under top; NULL after an exit, when it is found
	 * again as the last "body" member along the rightmost path of the
	 * result (no stack, however deep the tree). */
	tree_iter_init(&it, top);
	tree_iter_next(&it);
	while ((ev = tree_iter_next(&it)) != TREE_DONE &&
	    (n = it.node) != top) {
		if (ev == TREE_EXIT) {
			if (n->first != NULL) {
				depth--;
				body = NULL;
			}
			continue;
		}
		if (body == NULL) {
			body = (struct value *)value_get(v, "body", 4);
			for (k = 0; k < depth; k++)
				body = (struct value *)value_get(body->last,
				    "body", 4);
		}
		cur = value_push(body, node_head(a, n, c));
		if (n->first != NULL) {
			body = value_set_ref(cur, "body", value_arr(a));
			depth++;
		} else if (n->type != NODE_PARAGRAPH)
			value_set_ref(cur, "body", value_arr(a));
	}
	return v;
}

/* n and its subtree in DESIGN.md's form (without figures), built in
 * arena a. */
struct value *
node_value(struct arena *a, const struct node *top)
{
	return node_value_figs(a, top, NULL);
}

/* The document's members before its body, built in arena a. */
static struct value *
doc_head(struct arena *a, const struct doc *doc)
{
	struct value	*v = value_obj(a), *cols;
	size_t		 i;

	value_set_ref(v, "source", value_cstr(a, doc->source));
	value_set_ref(v, "encoding", value_cstr(a, doc->encoding));
	value_set_ref(v, "format", value_cstr(a, doc->format));
	value_set_ref(v, "title", value_cstr(a, doc->title));
	value_set_ref(v, "year", doc->year ? value_num(a, doc->year) :
	    value_null(a));
	value_set_ref(v, "org", value_cstr(a, doc->org));
	value_set_ref(v, "kind", value_cstr(a, doc->kind));
	/* meta.c's further findings, only when there are some. */
	if (doc->norgs > 1) {
		cols = value_set_ref(v, "orgs", value_arr(a));
		for (i = 0; i < doc->norgs; i++)
			value_push(cols, value_cstr(a, doc->orgs[i]));
	}
	if (doc->org_key != NULL)
		value_set_ref(v, "org_key", value_cstr(a, doc->org_key));
	if (doc->org_place != NULL)
		value_set_ref(v, "org_place", value_cstr(a, doc->org_place));
	if (doc->year_end != 0) {
		cols = value_set_ref(v, "year_range", value_arr(a));
		value_push(cols, value_num(a, doc->year));
		value_push(cols, value_num(a, doc->year_end));
	}
	if (doc->nparts > 0) {
		cols = value_set_ref(v, "parts", value_arr(a));
		for (i = 0; i < doc->nparts; i++) {
			struct value	*p = value_obj(a);

			value_set_ref(p, "kind", value_cstr(a,
			    doc->parts[i].kind));
			value_set_ref(p, "year", value_num(a,
			    doc->parts[i].year));
			value_set_ref(p, "section", value_cstr(a,
			    doc->parts[i].section));
			value_push(cols, p);
		}
	}
	if (doc->ncolumns) {
		cols = value_set_ref(v, "columns", value_arr(a));
		for (i = 0; i < doc->ncolumns; i++)
			value_push(cols, value_cstr(a, doc->columns[i]));
	}
	if (doc->category_column != NULL)
		value_set_ref(v, "category_column", value_cstr(a,
		    doc->category_column));
	for (i = 0; i < doc->nextra; i++)
		if (value_get(v, doc->extra[i].key,
		    strlen(doc->extra[i].key)) == NULL)
			value_set(a, v, doc->extra[i].key,
			    value_cstr(a, doc->extra[i].value));
	return v;
}

/* The whole document in DESIGN.md's JSON form, built in arena a. */
struct value *
doc_value(struct arena *a, const struct doc *doc)
{
	struct value	*v = doc_head(a, doc), *root;

	struct figcur	 c = { doc->figs, doc->nfigs, 0 };

	root = node_value_figs(a, doc->root, &c);
	value_set_ref(v, "body", (struct value *)value_get(root, "body", 4));
	return v;
}

/* ---- The same JSON, on one line, straight from the tree ---- */

static void
jkey(struct buf *out, const char *key)
{
	buf_putc(out, ',');
	buf_putc(out, '"');
	buf_puts(out, key);
	buf_putc(out, '"');
	buf_putc(out, ':');
}

static void
jstr(struct buf *out, const char *key, const char *s)
{
	jkey(out, key);
	if (s == NULL)
		buf_puts(out, "null");
	else
		json_string(s, strlen(s), out);
}

/* Does n have a "body" in the JSON form (node_value())? */
static int
has_body(const struct node *n)
{
	return n->type != NODE_PARAGRAPH || n->first != NULL;
}

/* ,"figures":[…] with the figures of n from c, when it has some. */
static void
figures_json(const struct node *n, struct buf *out, struct figcur *c)
{
	const struct figure	*f;
	size_t			 i;

	if (c->i >= c->n || c->v[c->i].node != n)
		return;
	jkey(out, "figures");
	buf_putc(out, '[');
	for (i = 0; c->i < c->n && c->v[c->i].node == n; i++) {
		f = &c->v[c->i++];
		if (i > 0)
			buf_putc(out, ',');
		buf_puts(out, "{\"value\":");
		json_string(f->value, strlen(f->value), out);
		jkey(out, "num");
		num_text(f->num, out);
		jkey(out, "num2");
		num_text(f->num2, out);
		jstr(out, "unit", f->unit);
		jstr(out, "cmp", f->cmp);
		jstr(out, "subject", f->subject);
		jstr(out, "sentence", f->sentence);
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* '{' and the members node_head() gives n, then ',"body":[' when n has
 * a body. */
static void
node_open(const struct node *n, struct buf *out, struct figcur *c)
{
	size_t	 i;

	buf_puts(out, "{\"type\":");
	json_string(type_names[n->type], strlen(type_names[n->type]), out);
	if (n->type != NODE_LIST) {
		jkey(out, "line");
		num_text(n->line, out);
	}
	switch (n->type) {
	case NODE_SECTION:
		jkey(out, "level");
		num_text(n->level, out);
		/* FALLTHROUGH */
	case NODE_ITEM:
		jstr(out, "num", n->num);
		jstr(out, "label", n->label);
		jstr(out, "title", n->title);
		if (n->type == NODE_ITEM)
			jstr(out, "text", n->text);
		jkey(out, "tags");
		buf_putc(out, '[');
		for (i = 0; i < n->ntags; i++) {
			if (i > 0)
				buf_putc(out, ',');
			if (n->tags[i] == NULL)
				buf_puts(out, "null");
			else
				json_string(n->tags[i], strlen(n->tags[i]),
				    out);
		}
		buf_putc(out, ']');
		if (n->type == NODE_ITEM && n->category != NULL)
			jstr(out, "category", n->category);
		if (n->type == NODE_ITEM && n->nfields) {
			jkey(out, "fields");
			buf_putc(out, '{');
			for (i = 0; i < n->nfields; i++) {
				if (i > 0)
					buf_putc(out, ',');
				json_string(n->fields[i].name,
				    strlen(n->fields[i].name), out);
				buf_putc(out, ':');
				if (n->fields[i].text == NULL)
					buf_puts(out, "null");
				else
					json_string(n->fields[i].text,
					    strlen(n->fields[i].text), out);
			}
			buf_putc(out, '}');
		}
		if (n->type == NODE_ITEM)
			figures_json(n, out, c);
		break;
	case NODE_LIST:
		jstr(out, "style", n->style == LIST_INLINE ? "inline" :
		    "block");
		break;
	case NODE_PARAGRAPH:
		jstr(out, "text", n->text);
		figures_json(n, out, c);
		break;
	case NODE_ROOT:
		break;
	}
	if (has_body(n))
		buf_puts(out, ",\"body\":[");
}

/* The body of top (its children, each with its subtree) as a JSON
 * array: node_value()'s, walked without recursion.  When flush is not
 * NULL it is called with farg whenever out holds more than 64 KB at
 * the end of a node (to pass the text on). */
static void
body_json(const struct doc *doc, struct buf *out, void (*flush)(void *),
    void *farg)
{
	const struct node	*top = doc->root, *n;
	struct figcur		 c = { doc->figs, doc->nfigs, 0 };
	struct tree_iter	 it;
	enum tree_event		 ev;

	buf_putc(out, '[');
	tree_iter_init(&it, top);
	tree_iter_next(&it);
	while ((ev = tree_iter_next(&it)) != TREE_DONE &&
	    (n = it.node) != top) {
		if (ev == TREE_ENTER) {
			if (n->prev != NULL)
				buf_putc(out, ',');
			node_open(n, out, &c);
			continue;
		}
		if (has_body(n))
			buf_putc(out, ']');
		buf_putc(out, '}');
		if (flush != NULL && out->len > 65536)
			flush(farg);
	}
	buf_putc(out, ']');
}

/* The indented JSON of a document on its way out: the one-line text
 * (line) is indented as it comes (jstream_pass) and handed to put in
 * pieces, so a large tree costs neither its whole JSON text nor a value
 * tree. */
struct jstream {
	struct buf	 line;		/* one-line JSON not indented yet */
	struct buf	 out;		/* indented JSON not put yet */
	int		 indent;
	int		 depth;
	int		 instr;		/* inside a string */
	int		 esc;		/* after a backslash in one */
	int		 open;		/* after '{' or '[' */
	void		(*put)(void *, const char *, size_t);
	void		*arg;
};

/* A new line and depth levels of indent spaces, as value_json() puts
 * them. */
static void
json_newline(struct buf *out, int indent, int depth)
{
	int	 i;

	buf_putc(out, '\n');
	for (i = 0; i < indent * depth; i++)
		buf_putc(out, ' ');
}

/* Indent the one-line JSON in js->line (value_json()'s form, indent 0)
 * as value_json() indents it, each member on a line of its own,
 * "key": value, empty arrays and objects as [] and {}, onto js->out;
 * put that on when it is long.  The text may end anywhere. */
static void
jstream_pass(void *arg)
{
	struct jstream	*js = arg;
	struct buf	*out = &js->out;
	const char	*s = js->line.data;
	size_t		 i, len = js->line.len;
	char		 c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (js->open) {
			js->open = 0;
			if (c == '}' || c == ']') {
				buf_putc(out, c);
				continue;
			}
			json_newline(out, js->indent, ++js->depth);
		}
		if (js->instr) {
			buf_putc(out, c);
			if (js->esc)
				js->esc = 0;
			else if (c == '\\')
				js->esc = 1;
			else if (c == '"')
				js->instr = 0;
			continue;
		}
		switch (c) {
		case '"':
			js->instr = 1;
			buf_putc(out, c);
			break;
		case '{':
		case '[':
			buf_putc(out, c);
			js->open = 1;
			break;
		case '}':
		case ']':
			json_newline(out, js->indent, --js->depth);
			buf_putc(out, c);
			break;
		case ',':
			buf_putc(out, c);
			json_newline(out, js->indent, js->depth);
			break;
		case ':':
			buf_puts(out, ": ");
			break;
		default:
			buf_putc(out, c);
		}
	}
	buf_reset(&js->line);
	if (js->put != NULL && out->len > 0) {
		js->put(js->arg, out->data, out->len);
		buf_reset(out);
	}
}

/* The one-line JSON of doc (the bytes of value_json() on doc_value(),
 * without building that value) onto out, flush called as body_json()
 * says. */
static void
doc_json_line(const struct doc *doc, struct buf *out, void (*flush)(void *),
    void *farg)
{
	struct arena	 a = ARENA_INIT;
	struct value	*v;

	/* The members before the body from doc_value(), with the body
	 * left out (it comes last). */
	v = doc_head(&a, doc);
	value_json(v, out, 0);
	out->len--;			/* the closing brace */
	buf_puts(out, ",\"body\":");
	body_json(doc, out, flush, farg);
	buf_putc(out, '}');
	arena_free(&a);
}

/* jstream's flush for indent 0: the one-line text put on as it is. */
static void
jstream_line(void *arg)
{
	struct jstream	*js = arg;

	if (js->line.len > 0)
		js->put(js->arg, js->line.data, js->line.len);
	buf_reset(&js->line);
}

/* Hand doc as JSON and a newline to put(arg, text, len) in pieces,
 * indented by indent spaces a level, or on one line (indent 0): what
 * doc_json() appends, without holding it all. */
void
doc_json_put(const struct doc *doc, int indent,
    void (*put)(void *, const char *, size_t), void *arg)
{
	struct jstream	 js;
	void		(*pass)(void *) = indent > 0 ? jstream_pass :
	    jstream_line;

	memset(&js, 0, sizeof(js));
	js.indent = indent;
	js.put = put;
	js.arg = arg;
	doc_json_line(doc, &js.line, pass, &js);
	buf_putc(&js.line, '\n');
	pass(&js);
	buf_free(&js.line);
	buf_free(&js.out);
}

/* Append the text to the buffer arg (doc_json_put()'s put). */
static void
buf_sink(void *arg, const char *s, size_t len)
{
	buf_put(arg, s, len);
}

/* Append doc as JSON and a newline to out: indented by indent spaces
 * a level, or on one line when indent is 0 (the site's files).  Either
 * way it is written straight from the tree (the bytes of value_json()
 * on doc_value(), without building that value). */
void
doc_json(const struct doc *doc, struct buf *out, int indent)
{
	if (indent > 0) {
		doc_json_put(doc, indent, buf_sink, out);
		return;
	}
	doc_json_line(doc, out, NULL, NULL);
	buf_putc(out, '\n');
}

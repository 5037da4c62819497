/*
 * tree.c — the document tree: life cycle, invariants, the one writer of
 * its JSON form.
 */
#include <assert.h>
#include <math.h>
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


/* Check links, nesting, strings and items' titles of the whole tree without
 * recursion.  Return 0, or -1 with a message in err. */
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
		/* An item's title is its text's start (its JSON form
		 * writes the text after it only). */
		if (n->type == NODE_ITEM && n->title != NULL &&
		    (n->text == NULL || strncmp(n->text, n->title,
		    strlen(n->title)) != 0)) {
			snprintf(err, errlen, "line %d: an item's title is "
			    "not the start of its text", n->line);
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

/* ---- The JSON form (README.md, "The document tree"): one writer,
 * straight from the tree onto a buffer, on one line; gen dump's
 * indented form is that text indented as it comes (jstream_pass).
 * Nothing is written twice: what a reader can tell from another member
 * or from a default is left out (an empty body or tag list, a block
 * list's style, an item's title again in its text, a figure's sentence
 * as a copy). ---- */

/* The version of the form, its "schema" member (1 had none). */
#define JSON_SCHEMA	2

static const char *const type_names[] = {
	[NODE_ROOT] = "root",
	[NODE_SECTION] = "section",
	[NODE_LIST] = "list",
	[NODE_ITEM] = "item",
	[NODE_PARAGRAPH] = "paragraph",
};

/* The figures of a document not yet written, in the order of its items
 * (doc->figs): a walk in pre-order takes each item's in turn. */
struct figcur {
	const struct figure	*v;
	size_t			 n, i;
};

/* ,"key": (key needs no escaping). */
static void
jkey(struct buf *out, const char *key)
{
	buf_putc(out, ',');
	buf_putc(out, '"');
	buf_puts(out, key);
	buf_putc(out, '"');
	buf_putc(out, ':');
}

/* s as a JSON string, or null. */
static void
jval(struct buf *out, const char *s)
{
	if (s == NULL)
		buf_puts(out, "null");
	else
		json_string(s, strlen(s), out);
}

/* ,"key":s (a string or null). */
static void
jstr(struct buf *out, const char *key, const char *s)
{
	jkey(out, key);
	jval(out, s);
}

/* ,"key":n. */
static void
jnum(struct buf *out, const char *key, double n)
{
	jkey(out, key);
	num_text(n, out);
}

/* ,"key":[s…] with the n strings of v. */
static void
jstrs(struct buf *out, const char *key, const char *const *v, size_t n)
{
	size_t	 i;

	jkey(out, key);
	buf_putc(out, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		jval(out, v[i]);
	}
	buf_putc(out, ']');
}

/* Does n have a "body" (children)? */
static int
has_body(const struct node *n)
{
	return n->first != NULL;
}

/* ,"text":… for an item: what follows its title (the whole text is the
 * title, then this), left out when nothing does (or it has no text);
 * the whole text when it does not start with the title (tree_check
 * refuses such an item). */
static void
item_text_json(const struct node *n, struct buf *out)
{
	const char	*rest = n->text;
	size_t		 tl;

	if (rest != NULL && n->title != NULL &&
	    strncmp(rest, n->title, tl = strlen(n->title)) == 0)
		rest += tl;
	if (rest != NULL && *rest != '\0')
		jstr(out, "text", rest);
}

/* ,"at":[from,to] where the sentence of figure f is in its node's whole
 * text (characters, not bytes), or ,"sentence":"…" when it is not in it
 * (a table row's figures come from its cells). */
static void
sentence_json(const struct figure *f, struct buf *out)
{
	const char	*t = f->node->text ? f->node->text : f->node->title;
	const char	*at;
	size_t		 from;

	if (t == NULL || f->sentence == NULL ||
	    (at = strstr(t, f->sentence)) == NULL) {
		jstr(out, "sentence", f->sentence);
		return;
	}
	from = utf8_count(t, (size_t)(at - t));
	jkey(out, "at");
	buf_putc(out, '[');
	num_text((double)from, out);
	buf_putc(out, ',');
	num_text((double)(from + utf8_count(f->sentence,
	    strlen(f->sentence))), out);
	buf_putc(out, ']');
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
		jval(out, f->value);
		jnum(out, "num", f->num);
		/* a range's or list's last; else it is num */
		if (f->num2 != f->num && !(isnan(f->num) && isnan(f->num2)))
			jnum(out, "num2", f->num2);
		jstr(out, "unit", f->unit);
		if (f->cmp == NULL || strcmp(f->cmp, "=") != 0)
			jstr(out, "cmp", f->cmp);
		jstr(out, "subject", f->subject);
		sentence_json(f, out);
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* '{' and the members of n itself (and hook's, unless NULL), then
 * ',"body":[' when n has a body. */
static void
node_open(const struct node *n, struct buf *out, struct figcur *c,
    const struct json_hook *hook)
{
	size_t	 i;

	buf_puts(out, "{\"type\":");
	jval(out, type_names[n->type]);
	if (n->type != NODE_LIST)
		jnum(out, "line", n->line);
	switch (n->type) {
	case NODE_SECTION:
		jnum(out, "level", n->level);
		/* FALLTHROUGH */
	case NODE_ITEM:
		jstr(out, "num", n->num);
		jstr(out, "label", n->label);
		jstr(out, "title", n->title);
		if (n->type == NODE_ITEM)
			item_text_json(n, out);
		if (n->ntags > 0)
			jstrs(out, "tags", n->tags, n->ntags);
		if (n->type != NODE_ITEM)
			break;
		if (n->category != NULL)
			jstr(out, "category", n->category);
		if (n->nfields) {
			jkey(out, "fields");
			buf_putc(out, '{');
			for (i = 0; i < n->nfields; i++) {
				if (i > 0)
					buf_putc(out, ',');
				jval(out, n->fields[i].name);
				buf_putc(out, ':');
				jval(out, n->fields[i].text);
			}
			buf_putc(out, '}');
		}
		figures_json(n, out, c);
		break;
	case NODE_LIST:
		if (n->style == LIST_INLINE)
			jstr(out, "style", "inline");
		break;
	case NODE_PARAGRAPH:
		jstr(out, "text", n->text);
		figures_json(n, out, c);
		break;
	case NODE_ROOT:
		break;
	}
	if (hook != NULL && hook->node != NULL && n->type != NODE_LIST)
		hook->node(hook->arg, n, out);
	if (has_body(n))
		buf_puts(out, ",\"body\":[");
}

/* The body of doc (the root's children, each with its subtree) as a
 * JSON array, walked without recursion, each node with hook's members
 * (NULL: none).  When flush is not NULL it is called with farg whenever
 * out holds more than 64 KB at the end of a node (to pass the text on). */
static void
body_json(const struct doc *doc, const struct json_hook *hook,
    struct buf *out, void (*flush)(void *), void *farg)
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
			node_open(n, out, &c, hook);
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

/* The members of the document before its body (README.md's order),
 * then the front-matter keys gen does not interpret, each once: one
 * named as a member before it, as the body or as the site's counts
 * (SLUG.json's first member) is left out. */
static void
doc_head_json(const struct doc *doc, struct buf *out)
{
	const char	*seen[20] = { "body", "counts", "schema", "source" };
	size_t		 nseen = 4, i, j;

#define MEMBER(k)	(jkey(out, (k)), seen[nseen++] = (k))
	buf_puts(out, "{\"schema\":");
	num_text(JSON_SCHEMA, out);
	jstr(out, "source", doc->source);
	MEMBER("encoding");
	jval(out, doc->encoding);
	MEMBER("format");
	jval(out, doc->format);
	MEMBER("title");
	jval(out, doc->title);
	MEMBER("year");
	if (doc->year)
		num_text(doc->year, out);
	else
		buf_puts(out, "null");
	MEMBER("org");
	jval(out, doc->org);
	MEMBER("kind");
	jval(out, doc->kind);
	/* meta.c's further findings, only when there are some. */
	if (doc->norgs > 1) {
		jstrs(out, "orgs", doc->orgs, doc->norgs);
		seen[nseen++] = "orgs";
	}
	if (doc->org_key != NULL) {
		MEMBER("org_key");
		jval(out, doc->org_key);
	}
	if (doc->org_place != NULL) {
		MEMBER("org_place");
		jval(out, doc->org_place);
	}
	if (doc->year_end != 0) {
		MEMBER("year_range");
		buf_putc(out, '[');
		num_text(doc->year, out);
		buf_putc(out, ',');
		num_text(doc->year_end, out);
		buf_putc(out, ']');
	}
	if (doc->nparts > 0) {
		MEMBER("parts");
		buf_putc(out, '[');
		for (i = 0; i < doc->nparts; i++) {
			buf_puts(out, i > 0 ? ",{\"kind\":" : "{\"kind\":");
			jval(out, doc->parts[i].kind);
			jnum(out, "year", doc->parts[i].year);
			jstr(out, "section", doc->parts[i].section);
			buf_putc(out, '}');
		}
		buf_putc(out, ']');
	}
	if (doc->ncolumns) {
		jstrs(out, "columns", doc->columns, doc->ncolumns);
		seen[nseen++] = "columns";
	}
	if (doc->category_column != NULL) {
		MEMBER("category_column");
		jval(out, doc->category_column);
	}
#undef MEMBER
	for (i = 0; i < doc->nextra; i++) {
		for (j = 0; j < nseen; j++)
			if (strcmp(seen[j], doc->extra[i].key) == 0)
				break;
		if (j < nseen)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(doc->extra[j].key, doc->extra[i].key) == 0)
				break;
		if (j < i)
			continue;
		buf_putc(out, ',');
		jval(out, doc->extra[i].key);
		buf_putc(out, ':');
		jval(out, doc->extra[i].value);
	}
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

/* A new line and depth levels of indent spaces (value_json()'s
 * indent). */
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

/* The one-line JSON of doc onto out, with hook's members (NULL: none),
 * flush called as body_json() says. */
static void
doc_json_line(const struct doc *doc, const struct json_hook *hook,
    struct buf *out, void (*flush)(void *), void *farg)
{
	doc_head_json(doc, out);
	buf_puts(out, ",\"body\":");
	body_json(doc, hook, out, flush, farg);
	buf_putc(out, '}');
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
	doc_json_hook(doc, indent, NULL, put, arg);
}

/* doc_json_put() with the members hook adds to each node (NULL: none). */
void
doc_json_hook(const struct doc *doc, int indent, const struct json_hook *hook,
    void (*put)(void *, const char *, size_t), void *arg)
{
	struct jstream	 js;
	void		(*pass)(void *) = indent > 0 ? jstream_pass :
	    jstream_line;

	memset(&js, 0, sizeof(js));
	js.indent = indent;
	js.put = put;
	js.arg = arg;
	doc_json_line(doc, hook, &js.line, pass, &js);
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
 * way it is written straight from the tree, with no value tree. */
void
doc_json(const struct doc *doc, struct buf *out, int indent)
{
	if (indent > 0) {
		doc_json_put(doc, indent, buf_sink, out);
		return;
	}
	doc_json_line(doc, NULL, out, NULL, NULL);
	buf_putc(out, '\n');
}

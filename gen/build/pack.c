/*
 * pack.c — a document tree as a compact byte string and back, so that a
 * parsed document can leave memory between the pass that reads every
 * document and the pass that renders its page (which needs the whole
 * site first), at a fraction of the cost of parsing it again.
 *
 * Form (native byte order, never stored beyond one build): the
 * document's fields, then its nodes in pre-order, each with the number
 * of its children.  Strings are a 32-bit length (BIN_NOSTR for NULL), the
 * bytes and a NUL, so the unpacked document points into one copy.
 */
#include <stdlib.h>
#include <string.h>

#include "build/build_int.h"

#define PACK_MAGIC	0x3343504EU	/* "NPC3" */

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_put(b, &v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s)
{
	size_t	 n;

	if (s == NULL) {
		put_u32(b, BIN_NOSTR);
		return;
	}
	n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_put(b, s, n + 1);
}

static uint32_t
nchildren(const struct node *n)
{
	const struct node	*c;
	uint32_t		 k = 0;

	for (c = n->first; c != NULL; c = c->next)
		k++;
	return k;
}

static void
put_node(struct buf *b, const struct node *n)
{
	size_t	 i;

	put_u32(b, (uint32_t)n->type | (uint32_t)n->style << 8);
	put_u32(b, (uint32_t)n->line);
	put_u32(b, (uint32_t)n->col);
	put_u32(b, (uint32_t)n->level);
	put_u32(b, nchildren(n));
	put_str(b, n->num);
	put_str(b, n->label);
	put_str(b, n->title);
	put_str(b, n->text);
	put_str(b, n->anchor);
	put_u32(b, (uint32_t)n->ntags);
	for (i = 0; i < n->ntags; i++)
		put_str(b, n->tags[i]);
	put_u32(b, (uint32_t)n->nfields);
	for (i = 0; i < n->nfields; i++) {
		put_str(b, n->fields[i].name);
		put_str(b, n->fields[i].text);
	}
	put_str(b, n->category);
}

/* Append doc in packed form to out. */
void
doc_pack(const struct doc *doc, struct buf *out)
{
	const struct node	*n;
	struct tree_iter	 it;
	size_t			 i, count = 0;

	tree_iter_init(&it, doc->root);
	while (tree_next(&it) != NULL)
		count++;
	put_u32(out, PACK_MAGIC);
	put_u32(out, (uint32_t)count);
	put_str(out, doc->encoding);
	put_str(out, doc->format);
	put_str(out, doc->title);
	put_u32(out, (uint32_t)doc->year);
	put_str(out, doc->org);
	put_str(out, doc->kind);
	put_u32(out, (uint32_t)doc->norgs);
	for (i = 0; i < doc->norgs; i++)
		put_str(out, doc->orgs[i]);
	put_str(out, doc->org_key);
	put_str(out, doc->org_place);
	put_u32(out, (uint32_t)doc->year_end);
	put_u32(out, (uint32_t)doc->nparts);
	for (i = 0; i < doc->nparts; i++) {
		put_str(out, doc->parts[i].kind);
		put_u32(out, (uint32_t)doc->parts[i].year);
		put_str(out, doc->parts[i].section);
	}
	put_u32(out, (uint32_t)doc->fm_lines);
	put_u32(out, (uint32_t)doc->ncolumns);
	for (i = 0; i < doc->ncolumns; i++)
		put_str(out, doc->columns[i]);
	put_str(out, doc->category_column);
	put_u32(out, (uint32_t)doc->nextra);
	for (i = 0; i < doc->nextra; i++) {
		put_str(out, doc->extra[i].key);
		put_str(out, doc->extra[i].value);
	}
	tree_iter_init(&it, doc->root);
	while ((n = tree_next(&it)) != NULL)
		put_node(out, n);
}

/* ---- Unpacking ---- */

/* The one reader of the binary form (pack.c's trees, manifest.c's
 * manifest): native integers, strings as a length (BIN_NOSTR for NULL),
 * the bytes and a NUL.  A read past the end sets c->bad and gives 0 or
 * NULL, so a caller checks once at the end. */
int
bin_take(struct bin *c, void *to, size_t n)
{
	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = 1;
		memset(to, 0, n);
		return -1;
	}
	memcpy(to, c->p, n);
	c->p += n;
	return 0;
}

uint32_t
bin_u32(struct bin *c)
{
	uint32_t	 v;

	bin_take(c, &v, sizeof(v));
	return v;
}

uint64_t
bin_u64(struct bin *c)
{
	uint64_t	 v;

	bin_take(c, &v, sizeof(v));
	return v;
}

const char *
bin_str(struct bin *c)
{
	uint32_t	 n = bin_u32(c);
	const char	*s;

	if (c->bad || n == BIN_NOSTR)
		return NULL;
	if ((size_t)(c->end - c->p) <= n || c->p[n] != '\0') {
		c->bad = 1;
		return NULL;
	}
	s = c->p;
	c->p += (size_t)n + 1;
	return s;
}

const char *
bin_bytes(struct bin *c, size_t *len)
{
	const char	*s = bin_str(c);

	*len = s != NULL ? (size_t)(c->p - s) - 1 : 0;
	return s;
}

size_t
bin_count(struct bin *c, size_t min)
{
	uint32_t	 n = bin_u32(c);

	if (!c->bad && (size_t)n > (size_t)(c->end - c->p) / min)
		c->bad = 1;
	return c->bad ? 0 : n;
}

/* A string the writer always gives (a name, a key, an element of a
 * list): its absence is damage. */
static const char *
bin_name(struct bin *c)
{
	const char	*s = bin_str(c);

	if (s == NULL)
		c->bad = 1;
	return s;
}

/* Read one node's fields (not its links) into n; return its number of
 * children. */
static size_t
get_node(struct bin *c, struct doc *doc, struct node *n)
{
	uint32_t	 tv;
	size_t		 i, kids;

	tv = bin_u32(c);
	n->type = (enum node_type)(tv & 0xFF);
	n->style = (enum list_style)((tv >> 8) & 0xFF);
	n->line = (int)bin_u32(c);
	n->col = (int)bin_u32(c);
	n->level = (int)bin_u32(c);
	kids = bin_count(c, 36);
	n->num = bin_str(c);
	n->label = bin_str(c);
	n->title = bin_str(c);
	n->text = bin_str(c);
	n->anchor = bin_str(c);
	if ((n->ntags = bin_count(c, 4)) > 0) {
		n->tags = arena_alloc(&doc->arena, n->ntags *
		    sizeof(*n->tags));
		for (i = 0; i < n->ntags; i++)
			n->tags[i] = bin_str(c);
	}
	if ((n->nfields = bin_count(c, 8)) > 0) {
		n->fields = arena_alloc(&doc->arena, n->nfields *
		    sizeof(*n->fields));
		for (i = 0; i < n->nfields; i++) {
			n->fields[i].name = bin_name(c);
			n->fields[i].text = bin_str(c);
		}
	}
	n->category = bin_str(c);
	if (n->type > NODE_PARAGRAPH)
		c->bad = 1;
	return kids;
}

/* The document packed in data[0..len) by doc_pack(), named source (owned
 * by the caller: doc_free()), or NULL when the data is damaged. */
struct doc *
doc_unpack(const char *source, const char *data, size_t len)
{
	struct doc	*doc = doc_new(source);
	struct node	*nodes, *n, **parent;
	size_t		*left, depth = 0, cap = 16, count, i, k;
	struct bin	 c;
	char		*copy;

	copy = arena_alloc(&doc->arena, len + 1);
	memcpy(copy, data, len);
	c.p = copy;
	c.end = copy + len;
	c.bad = 0;
	if (bin_u32(&c) != PACK_MAGIC || (count = bin_count(&c, 36)) == 0)
		goto bad;
	doc->encoding = bin_str(&c);
	doc->format = bin_str(&c);
	doc->title = bin_str(&c);
	doc->year = (int)bin_u32(&c);
	doc->org = bin_str(&c);
	doc->kind = bin_str(&c);
	if ((doc->norgs = bin_count(&c, 4)) > 0) {
		doc->orgs = arena_alloc(&doc->arena, doc->norgs *
		    sizeof(*doc->orgs));
		for (i = 0; i < doc->norgs; i++)
			doc->orgs[i] = bin_name(&c);
	}
	doc->org_key = bin_str(&c);
	doc->org_place = bin_str(&c);
	doc->year_end = (int)bin_u32(&c);
	if ((doc->nparts = bin_count(&c, 12)) > 0) {
		doc->parts = arena_alloc(&doc->arena, doc->nparts *
		    sizeof(*doc->parts));
		for (i = 0; i < doc->nparts; i++) {
			doc->parts[i].kind = bin_str(&c);
			doc->parts[i].year = (int)bin_u32(&c);
			doc->parts[i].section = bin_str(&c);
		}
	}
	doc->fm_lines = (int)bin_u32(&c);
	if ((doc->ncolumns = bin_count(&c, 4)) > 0) {
		doc->columns = arena_alloc(&doc->arena, doc->ncolumns *
		    sizeof(*doc->columns));
		for (i = 0; i < doc->ncolumns; i++)
			doc->columns[i] = bin_name(&c);
	}
	doc->category_column = bin_str(&c);
	if ((doc->nextra = bin_count(&c, 8)) > 0) {
		doc->extra = arena_alloc(&doc->arena, doc->nextra *
		    sizeof(*doc->extra));
		for (i = 0; i < doc->nextra; i++) {
			doc->extra[i].key = bin_name(&c);
			doc->extra[i].value = bin_str(&c);
		}
	}
	nodes = arena_alloc(&doc->arena, count * sizeof(*nodes));
	/* The open nodes of the walk: as many as the tree is deep. */
	parent = xcalloc(cap, sizeof(*parent));
	left = xcalloc(cap, sizeof(*left));
	for (i = 0; i < count && !c.bad; i++) {
		n = &nodes[i];
		k = get_node(&c, doc, n);
		while (depth > 0 && left[depth - 1] == 0)
			depth--;
		if (i == 0) {
			if (n->type != NODE_ROOT)
				c.bad = 1;
		} else if (depth == 0)
			c.bad = 1;
		else {
			left[depth - 1]--;
			if (!node_may_hold(parent[depth - 1]->type, n->type))
				c.bad = 1;
			else
				node_append(parent[depth - 1], n);
		}
		if (k > 0) {
			if (depth == cap) {
				cap *= 2;
				parent = xreallocarray(parent, cap,
				    sizeof(*parent));
				left = xreallocarray(left, cap, sizeof(*left));
			}
			parent[depth] = n;
			left[depth++] = k;
		}
	}
	while (depth > 0 && left[depth - 1] == 0)
		depth--;
	free(parent);
	free(left);
	if (c.bad || depth != 0 || c.p != c.end || doc->encoding == NULL ||
	    doc->format == NULL)
		goto bad;
	doc->root = &nodes[0];
	/* Its key figures are read again from the tree, not packed. */
	figures_doc(doc);
	return doc;
bad:
	doc_free(doc);
	return NULL;
}

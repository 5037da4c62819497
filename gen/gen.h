/*
 * gen.h — the one internal header of gen, a static report generator for
 * Chinese public-office work plans.
 *
 * The pipeline (one file a stage, data flows one way):
 *
 *   read → decode (decode.c) → clean (text.c) → parse (outline.c / md.c)
 *        → struct doc → view (tree.c: doc → struct value)
 *        → render (mustache.c) → site (site.c) → out/
 *
 * Conventions
 *  - Text is UTF-8 inside the program, always.  Never ctype.h on bytes
 *    >= 0x80: use the ascii_* helpers below.
 *  - Library code never prints and never exits: problems become
 *    diagnostics (struct diags); main.c alone decides the exit status.
 *    Out of memory dies inside the x* wrappers.
 *  - A document owns everything hanging off it through its arena; one
 *    doc_free() releases it all.
 *  - Every function states its contract in one comment line above it in
 *    its .c file: what it returns and who owns what.
 */
#ifndef GEN_H
#define GEN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define GEN_VERSION "0.1.0"

#if defined(__GNUC__)
#define GEN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define GEN_NORETURN __attribute__((noreturn))
#else
#define GEN_PRINTF(a, b)
#define GEN_NORETURN
#endif

/* ------------------------------------------------------------------ */
/* buf.c — buffers, arenas, allocation wrappers, whole-file I/O         */
/* ------------------------------------------------------------------ */

/*
 * A growable byte buffer.
 * Invariants: data == NULL iff cap == 0; otherwise len < cap and
 * data[len] == '\0', so data is always a C string when non-NULL.
 * The buffer owns data until buf_detach() hands it to the caller.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
#define BUF_INIT { NULL, 0, 0 }

void	 buf_grow(struct buf *, size_t extra);
void	 buf_put_grow(struct buf *, const void *, size_t);
/* Append n bytes of p (inline: the common case has room). */
static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_put_grow(b, p, n);
}
void	 buf_puts(struct buf *, const char *);
void	 buf_putc_grow(struct buf *, int);

/* Append one byte (inline: the common case has room). */
static inline void
buf_putc(struct buf *b, int c)
{
	if (b->cap - b->len > 1) {
		b->data[b->len++] = (char)c;
		b->data[b->len] = '\0';
	} else
		buf_putc_grow(b, c);
}
void	 buf_printf(struct buf *, const char *, ...) GEN_PRINTF(2, 3);
void	 buf_vprintf(struct buf *, const char *, va_list);
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);
char	*buf_detach(struct buf *, size_t *len);
const char *buf_cstr(const struct buf *);

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
GEN_NORETURN void die_oom(void);

/* Read a whole file into out (appended).  Return 0, or -1 with errno. */
int	 file_read(const char *path, struct buf *out);
/* The same, refusing a file of more than max bytes (errno EFBIG; out
 * may then hold part of it); a FIFO without a writer reads as empty. */
int	 file_read_max(const char *path, size_t max, struct buf *out);
/* Write len bytes to path through a temporary file and rename(2).
 * Return 0, or -1 with errno. */
int	 file_write(const char *path, const void *data, size_t len);
/* mkdir -p.  Return 0, or -1 with errno. */
int	 mkdir_p(const char *path);

/*
 * A bump allocator: many small allocations freed at once.  Memory from
 * arena_alloc() is zeroed and aligned for any type.
 */
struct arena_block;
struct arena {
	struct arena_block *head;	/* the block being filled */
};
#define ARENA_INIT { NULL }

struct arena_block {
	struct arena_block	*next;
	size_t			 used;
	size_t			 size;
	_Alignas(16) unsigned char data[];
};

/* arena_bytes() when the head block has no room for n (a multiple of
 * 16). */
void	*arena_bytes_grow(struct arena *, size_t);

/* Return n bytes owned by the arena, 16-byte aligned, not cleared. */
static inline void *
arena_bytes(struct arena *a, size_t n)
{
	struct arena_block	*b = a->head;
	void			*p;

	if (n > SIZE_MAX / 2)
		die_oom();	/* no allocation can meet it */
	n = n == 0 ? 16 : (n + 15) & ~(size_t)15;
	if (b == NULL || b->size - b->used < n)
		return arena_bytes_grow(a, n);
	p = b->data + b->used;
	b->used += n;
	return p;
}

/* The same, cleared to zero. */
static inline void *
arena_alloc(struct arena *a, size_t n)
{
	void	*p = arena_bytes(a, n);

	memset(p, 0, n);
	return p;
}

char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_printf(struct arena *, const char *, ...) GEN_PRINTF(2, 3);
void	 arena_free(struct arena *);

/* ------------------------------------------------------------------ */
/* utf8.c — UTF-8 and ASCII character classes                          */
/* ------------------------------------------------------------------ */

/* The multi-byte case of utf8_decode(). */
size_t	 utf8_decode_mb(const char *s, size_t len, uint32_t *cp);

/* Decode one code point at s (len bytes available).  Return the number
 * of bytes used (1-4), or 0 when the bytes are not strict UTF-8 (then
 * *cp is 0xFFFD).  Never reads past len.  Inline: ASCII is the common
 * case on every hot path. */
static inline size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c1, c2;

	if (len > 0 && p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	/* Leads E1-EC, EE-EF (most CJK): any two continuation bytes. */
	if (len >= 3 && p[0] - 0xE1u <= 0xEFu - 0xE1u && p[0] != 0xED) {
		c1 = p[1] ^ 0x80u;
		c2 = p[2] ^ 0x80u;
		if ((c1 | c2) < 0x40) {
			*cp = (p[0] & 0x0Fu) << 12 | c1 << 6 | c2;
			return 3;
		}
	}
	return utf8_decode_mb(s, len, cp);
}
/* The offset of the code point that ends at s[end] (0 when end is 0). */
static inline size_t
utf8_back(const char *s, size_t end)
{
	while (end > 0 && ((unsigned char)s[end - 1] & 0xC0) == 0x80)
		end--;
	return end > 0 ? end - 1 : 0;
}

/* Is c a lead byte E1-EC or EE-EF: any two continuation bytes after it
 * make a valid character (most of CJK)? */
#define UTF8_LEAD3(c)	((unsigned)(c) - 0xE1u <= 0xEFu - 0xE1u && (c) != 0xED)
/* The end of the run of such three-byte characters that starts at s[i]
 * (i itself when there is none). */
static inline size_t
utf8_run3(const char *s, size_t len, size_t i)
{
	const unsigned char	*p = (const unsigned char *)s;

	while (len - i >= 6 && UTF8_LEAD3(p[i]) && UTF8_LEAD3(p[i + 3]) &&
	    ((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u) | (p[i + 4] ^ 0x80u) |
	    (p[i + 5] ^ 0x80u)) < 0x40)
		i += 6;
	if (len - i >= 3 && UTF8_LEAD3(p[i]) &&
	    ((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u)) < 0x40)
		i += 3;
	return i;
}

/* Encode cp into out (4 bytes).  Return the number of bytes written. */
size_t	 utf8_encode(uint32_t cp, char out[4]);
/* Return the length of the longest valid UTF-8 prefix of s. */
size_t	 utf8_valid(const char *s, size_t len);
/* Append s to out as valid UTF-8 for display: invalid bytes become
 * U+FFFD, control characters (but tab) are dropped. */
void	 utf8_clean(struct buf *, const char *s, size_t len);
/* Number of code points in s (invalid bytes count one each). */
size_t	 utf8_count(const char *s, size_t len);
/* Is cp a Han ideograph or CJK symbol/punctuation/full-width form? */
int	 cp_is_cjk(uint32_t cp);
/* Is cp a Han ideograph (the ones that join without spaces)? */
int	 cp_is_han(uint32_t cp);
/* Is cp white space: ASCII space/tab, U+00A0, U+3000, U+2000-U+200B? */
int	 cp_is_space(uint32_t cp);

/* ASCII-only classes: safe on any byte, false for bytes >= 0x80. */
#define ascii_isdigit(c) ((unsigned)(unsigned char)(c) - '0' < 10u)
#define ascii_isalpha(c) ((unsigned)((unsigned char)(c) | 0x20) - 'a' < 26u)
#define ascii_isalnum(c) (ascii_isdigit(c) || ascii_isalpha(c))
#define ascii_isspace(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || \
	(c) == '\r' || (c) == '\f' || (c) == '\v')
#define ascii_tolower(c) ((unsigned)(unsigned char)(c) - 'A' < 26u ? \
	((c) | 0x20) : (c))

/* ------------------------------------------------------------------ */
/* diag.c — diagnostics                                                */
/* ------------------------------------------------------------------ */

enum sev {
	SEV_WARNING,
	SEV_ERROR,
};

struct diag {
	char		*file;	/* owned */
	int		 line;	/* 1-based; 0 when the problem has no line */
	int		 col;	/* 1-based in code points; 0 when unknown */
	enum sev	 sev;
	char		*msg;	/* owned */
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
};
#define DIAGS_INIT { NULL, 0, 0 }

void	 diag_add(struct diags *, const char *file, int line, int col,
	    enum sev, const char *fmt, ...) GEN_PRINTF(6, 7);
void	 diag_vadd(struct diags *, const char *file, int line, int col,
	    enum sev, const char *fmt, va_list);
size_t	 diags_count(const struct diags *, enum sev);
/* Sort by file, line, column (stable), for output that CI can diff. */
void	 diags_sort(struct diags *);
/* Print each as "file:line:col: severity: message\n". */
void	 diags_print(const struct diags *, FILE *);
/* Move every diagnostic of src to the end of dst; src is left empty. */
void	 diags_move(struct diags *dst, struct diags *src);
void	 diags_free(struct diags *);

/* ------------------------------------------------------------------ */
/* value.c — the one value type of templates and JSON                   */
/* ------------------------------------------------------------------ */

/*
 * A JSON-shaped value.  Every value lives in an arena; arrays and
 * objects keep their members in insertion order as a linked list, so
 * output is deterministic and appending is O(1).
 * Templates read only this type (through value_get/value_truthy/
 * value_text and the list links), whether the data came from a document
 * tree (tree.c), site indices (site.c) or a JSON file (json.c).
 */
enum vtype {
	V_NULL,
	V_BOOL,
	V_NUM,
	V_STR,
	V_ARR,
	V_OBJ,
};

struct value {
	enum vtype	 type;
	int		 b;		/* V_BOOL */
	double		 num;		/* V_NUM */
	const char	*str;		/* V_STR: NUL-terminated */
	size_t		 len;		/* V_STR: bytes; V_ARR/V_OBJ: members */
	struct value	*first;		/* V_ARR/V_OBJ: first member */
	struct value	*last;		/* V_ARR/V_OBJ: last member */
	struct value	*next;		/* next member of the parent */
	const char	*key;		/* member name inside a V_OBJ */
};

struct value	*value_null(struct arena *);
struct value	*value_bool(struct arena *, int);
struct value	*value_num(struct arena *, double);
/* The string is copied into the arena. */
struct value	*value_str(struct arena *, const char *, size_t);
struct value	*value_cstr(struct arena *, const char *); /* NULL → V_NULL */
/* The string is not copied: it must outlive the value. */
struct value	*value_str_ref(struct arena *, const char *, size_t);
struct value	*value_arr(struct arena *);
struct value	*value_obj(struct arena *);
/* Append v to array arr; return v. */
struct value	*value_push(struct value *arr, struct value *v);
/* Append member key (copied) = v to object obj; return v.  Keys are not
 * checked for duplicates: the first one wins on lookup. */
struct value	*value_set(struct arena *, struct value *obj, const char *key,
		    struct value *v);
/* The same with a key that is not copied: a literal, or a string that
 * outlives the value. */
struct value	*value_set_ref(struct value *obj, const char *key,
		    struct value *v);
/* Member named key[0..keylen) of obj, or NULL (also when obj is not an
 * object). */
const struct value *value_get(const struct value *obj, const char *key,
		    size_t keylen);
/* Mustache truthiness, as in mustache.js: null, false, 0, "" and []
 * are false; everything else is true. */
int		 value_truthy(const struct value *);
/* Append the value as Mustache interpolation shows it (no escaping):
 * strings as is, numbers in shortest form, true/false, null as "". */
void		 value_text(const struct value *, struct buf *);
/* Append the value as JSON; indent > 0 pretty-prints with that many
 * spaces, 0 writes one line.  Non-ASCII is written as UTF-8. */
void		 value_json(const struct value *, struct buf *, int indent);
/* Append n as JSON and value_text() show it ("85", "1.21"). */
void		 num_text(double n, struct buf *out);
/* Append s[0..len) as a JSON string literal. */
void		 json_string(const char *s, size_t len, struct buf *out);

/* json.c — read JSON (through cJSON) into a value.  Return NULL and
 * write a message "line:col: ..." into err on a syntax error. */
struct value	*json_parse(struct arena *, const char *text, size_t len,
		    char *err, size_t errlen);

/* ------------------------------------------------------------------ */
/* The document tree (tree.c)                                          */
/* ------------------------------------------------------------------ */

enum node_type {
	NODE_ROOT,		/* the body of a document */
	NODE_SECTION,		/* a heading with a number, or a Markdown heading */
	NODE_LIST,		/* consecutive items */
	NODE_ITEM,		/* a numbered item */
	NODE_PARAGRAPH,		/* running text */
};

enum list_style {
	LIST_BLOCK,		/* items start lines */
	LIST_INLINE,		/* 一是…二是… inside running text */
};

struct field {
	const char	*name;	/* a column of doc->columns */
	const char	*text;
};

/*
 * A node of a document tree.  Strings belong to the document's arena
 * and are NULL when absent.  line/col are positions in the original
 * file (1-based), whatever the encoding was.
 */
struct node {
	enum node_type	 type;
	int		 line;
	int		 col;
	int		 level;		/* NODE_SECTION: 1 = outermost */
	enum list_style	 style;		/* NODE_LIST */
	const char	*num;		/* bare number as written: 一, 1, (normalised) */
	const char	*label;		/* marker as written: （一）, 57、, 亮点一： */
	const char	*title;		/* section title; item first sentence */
	const char	*text;		/* item or paragraph text, lines rejoined */
	const char	**tags;		/* annotations, e.g. 办实事项目25 */
	size_t		 ntags;
	struct field	*fields;	/* items of a table report */
	size_t		 nfields;
	struct node	*parent;
	struct node	*first;		/* children */
	struct node	*last;
	struct node	*next;		/* next sibling */
	struct node	*prev;
	const char	*anchor;	/* id on the page (anchors_build), or
					 * NULL before it ran */
};

/* A front-matter key that gen does not interpret, kept for templates. */
struct meta_kv {
	const char	*key;
	const char	*value;
};

struct doc {
	struct arena	 arena;		/* owns every node and string below */
	const char	*source;	/* path as given on the command line */
	const char	*encoding;	/* "UTF-8", "GB18030", "UTF-16LE", ... */
	const char	*format;	/* "text" or "markdown" */
	const char	*title;		/* NULL when unknown */
	int		 year;		/* 0 when unknown */
	const char	*org;
	const char	*kind;
	const char	**columns;	/* table reports: column names */
	size_t		 ncolumns;
	struct meta_kv	*extra;		/* other front-matter keys */
	size_t		 nextra;
	struct node	*root;		/* NODE_ROOT; its children are the body */
	int		 fm_lines;	/* lines taken by front matter */
};

/* A new empty document for source (copied).  Never NULL. */
struct doc	*doc_new(const char *source);
void		 doc_free(struct doc *);
/* A new node owned by doc's arena, not yet linked. */
struct node	*node_new(struct doc *, enum node_type, int line);
/* Append child as the last child of parent; return child. */
struct node	*node_append(struct node *parent, struct node *child);
/* Remove n from its parent (it stays in the arena). */
void		 node_unlink(struct node *);
/* Add a tag (copied) to n. */
void		 node_add_tag(struct doc *, struct node *, const char *, size_t);
/* Set field name = text (both copied) on n, replacing an existing one. */
void		 node_set_field(struct doc *, struct node *, const char *name,
		    const char *text, size_t len);
/* Add a column name (copied) to doc unless it is there; return its index. */
size_t		 doc_add_column(struct doc *, const char *, size_t);
/* Check the tree's invariants (links, types of children, strings are
 * valid UTF-8).  Return 0, or -1 with a message in err. */
int		 tree_check(const struct doc *, char *err, size_t errlen);
/* The document as DESIGN.md's JSON form, built in arena a. */
struct value	*doc_value(struct arena *a, const struct doc *);
/* The node (and its subtree) in the same form. */
struct value	*node_value(struct arena *a, const struct node *);
/* Append doc as JSON (DESIGN.md's form) and a newline to out, indent
 * spaces a level (gen dump: 2), or on one line (indent 0: out/). */
void		 doc_json(const struct doc *, struct buf *out, int indent);

/* ------------------------------------------------------------------ */
/* decode.c — bytes → UTF-8                                            */
/* ------------------------------------------------------------------ */

/*
 * Decode data (len bytes of the file path) into UTF-8 appended to out.
 * want names an encoding to use (from --input-encoding or front
 * matter: any name iconv knows, in any case; GB2312 and GBK are read
 * as GB18030, their superset), or is NULL to detect: BOM (UTF-8,
 * UTF-16LE/BE, UTF-32LE/BE; a BOM also wins over want), strict UTF-8,
 * BOM-less UTF-16 by its NUL pattern, GB18030.  The BOM is not copied.
 * Line breaks are kept one for one, so line numbers in out are those of
 * the original file.  *enc is set to a static canonical name such as
 * "UTF-8", "UTF-16LE" or "GB18030".  Return 0, or -1 after adding an
 * error to d: "invalid byte 0x.. (tried UTF-8, GB18030)" at the
 * line:col of the first bad byte (col in characters), "unknown
 * encoding", or "not a text file" for NUL bytes and known binary
 * formats (PNG, PDF, ZIP, ...).  A 0-byte file decodes to "".
 */
int	 text_decode(const char *path, const char *data, size_t len,
	    const char *want, struct buf *out, const char **enc,
	    struct diags *d);

/* ------------------------------------------------------------------ */
/* text.c — UTF-8 → clean lines                                        */
/* ------------------------------------------------------------------ */

/* One line of cleaned text. */
struct line {
	const char	*s;	/* UTF-8, NUL-terminated */
	size_t		 len;	/* 0 for a blank line */
	int		 no;	/* 1-based line number in the original file */
	int		 indent; /* columns of leading blanks removed (U+3000
				 * counts 2, a tab 4): a paragraph indent */
	unsigned	 flags;	/* LINE_* */
};

/* A page break (form feed, page number, page header or footer) was
 * removed just before this line, or at its start. */
#define LINE_PAGE	0x01u
/* The line was repaired from doubled glyphs ("会议会议" → "会议"). */
#define LINE_UNDOUBLED	0x02u

struct text {
	struct line	*v;	/* in the document's arena */
	size_t		 n;
	const char	*header; /* a repeated page header that was removed
				 * (the most frequent one), or NULL */
};

/*
 * Split utf8 into cleaned physical lines (first_line is the original
 * line number of utf8's first line, after any front matter): LF, CRLF
 * and a lone CR end lines; full-width digits and Latin letters become
 * ASCII (full-width punctuation stays); U+FEFF, zero-width and control
 * characters go; leading blanks are removed (kept in indent), trailing
 * ones too, and a run of blanks (space, tab, U+00A0, U+3000) inside a
 * line becomes one space, or none next to CJK punctuation.  Export
 * artifacts are dropped: [bookmark: ...] anywhere, form feeds, whole
 * page-number lines (- 3 -, 第3页, 3/12), a page header or footer that
 * recurs spread over the document (its text in out->header), repeats
 * of a table's column-header line (the first is kept).  Regions written
 * with doubled glyphs are repaired.  Blank lines are kept (len 0) so
 * paragraphs can be found, but no more than two in a row; dropped lines
 * leave no line.  Lines and
 * their text live in doc's arena.  Linear in len.  Return 0, or -1 on
 * error (diagnostic added).
 */
int	 text_clean(struct doc *, const char *utf8, size_t len, int first_line,
	    struct text *out, struct diags *d);

/* ------------------------------------------------------------------ */
/* numeral.c — Chinese and Arabic numbering markers                    */
/* ------------------------------------------------------------------ */

enum mstyle {
	M_NONE,
	M_CN_DUN,	/* 一、 (also 一. 一．) */
	M_CN_PAREN,	/* （一） (一) */
	M_AR_DOT,	/* 1. 1． ⒈ (full-width digits are accepted too) */
	M_AR_DUN,	/* 1、 */
	M_AR_PAREN,	/* （1） (1) ⑴ */
	M_CIRCLED,	/* ① … ㊿ */
	M_CHAPTER,	/* 第一章 */
	M_ARTICLE,	/* 第一条 */
	M_LEAD,		/* a word before a numeral: 亮点一： 附件2： */
	M_AR_BARE,	/* a number alone, or before a blank (table rows):
			 * a candidate only, callers decide from context */
	M_AR_RPAREN,	/* 1) 1） */
	M_SECTION,	/* 第一节 */
	M_PART,		/* 第一部分 第一篇 第一编 */
	M_ORDINAL,	/* 第一， 第一、 第一： */
	M_ENUM,		/* 一是 一要: inline enumerations, from enum_parse()
			 * only; marker_parse() never returns it */
};

/* A numbering marker found at the start of a line or heading. */
struct marker {
	enum mstyle	 style;
	int		 value;		/* 1-based value of the numeral */
	const char	*num;		/* the numeral as written (points into s) */
	size_t		 numlen;
	size_t		 len;		/* bytes of the marker with its delimiter
					 * and following blanks */
	size_t		 lablen;	/* bytes of the marker as written, from
					 * its first to its last character
					 * (no blanks): the label */
	size_t		 labstart;	/* offset of the label in s (leading
					 * blanks skipped) */
	uint32_t	 delim;		/* delimiter: '.', 0x3001 (、), ')',
					 * 0xFF1A (：) …; 0 when none */
	const char	*lead;		/* M_LEAD: the word before the numeral */
	size_t		 leadlen;
	int		 cn;		/* the numeral is Chinese */
};

/* Value of the Chinese numeral at s (〇 一 … 九十九 一百 …); *used gets
 * its length in bytes.  Return -1 when s does not start with one. */
int	 cn_numeral(const char *s, size_t len, size_t *used);
/* Recognise a numbering marker at the start of s.  Return its length in
 * bytes (m filled in), or 0 (m->style = M_NONE) when there is none.
 * Leading blanks are skipped (and counted in the length).  "一是" is
 * not a marker here (see enum_parse); "2015年", "2.5", "3个" are not
 * markers; a bare number is returned as M_AR_BARE, which only a table
 * of numbered rows should trust. */
size_t	 marker_parse(const char *s, size_t len, struct marker *m);
/* Recognise an inline enumeration label at s: 一是 一要 (M_ENUM) or
 * 第一 before ， 、 ： (M_ORDINAL).  Return its length in bytes with the
 * delimiter after 第一 (m filled in; m->lablen covers 一是 or 第一), or
 * 0. */
size_t	 enum_parse(const char *s, size_t len, struct marker *m);
/* Is style a, as a level of numbering, the same as style b (1. and 1、
 * are one level written two ways; M_LEAD needs the same lead word)? */
int	 marker_same_level(const struct marker *a, const struct marker *b);

/* cp_is_han(), with the common ideographs (U+4E00-U+9FFF) inline. */
static inline int
cp_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3007 &&
	    cp_is_han(cp));
}

/* Can an inline enumeration label start with cp: 第, or a Chinese digit
 * (〇 零 一 … 九, not 两) or 十?  enum_parse() finds none elsewhere. */
static inline int
enum_start(uint32_t cp)
{
	switch (cp) {
	case 0x7B2C:	/* 第 */
	case 0x3007:	/* 〇 */
	case 0x96F6:	/* 零 */
	case 0x4E00:	/* 一 */
	case 0x4E8C:	/* 二 */
	case 0x4E09:	/* 三 */
	case 0x56DB:	/* 四 */
	case 0x4E94:	/* 五 */
	case 0x516D:	/* 六 */
	case 0x4E03:	/* 七 */
	case 0x516B:	/* 八 */
	case 0x4E5D:	/* 九 */
	case 0x5341:	/* 十 */
		return 1;
	default:
		return 0;
	}
}

/* ------------------------------------------------------------------ */
/* outline.c — clean lines → tree (plain text)                         */
/* ------------------------------------------------------------------ */

/*
 * Build doc->root from the lines: rejoin hard wraps, classify numbering
 * markers, nest sections and items, cut annotations, find inline
 * enumerations and table reports.  Numbering problems (gaps, duplicates,
 * mixed delimiters, level jumps) become warnings in d.  Return 0, or -1
 * when a limit was hit (error added; the tree so far is kept).
 */
int	 outline_parse(struct doc *, const struct text *, struct diags *d);
/* The same with numbering nested at most maxdepth levels ([limits]
 * depth, 1 to OUTLINE_DEPTH_LIMIT). */
int	 outline_parse_max(struct doc *, const struct text *, int maxdepth,
	    struct diags *d);
/* Fill doc's title, year, org and kind where front matter left them
 * unknown, from the title line and the text (t may be NULL: then from
 * doc->title and the tree only, as md.c does). */
void	 meta_infer(struct doc *, const struct text *);

/*
 * Internals of the plain-text front end (outline.c, unwrap.c, table.c,
 * meta.c).  outline_parse also sets doc->title from the document's
 * title line when front matter did not set it (that line is then not
 * part of the body).
 */
#define OUTLINE_MAX_DEPTH 32	/* levels of numbering nested, by default */
#define OUTLINE_DEPTH_LIMIT 1000 /* the most [limits] depth may ask for */

/*
 * Scanning text in the plain-text front end (numeral.c too).  Its text
 * is mostly 3-byte UTF-8 (CJK), so that case is decoded inline; the
 * results are those of utf8_decode() on any bytes.
 */

/* The code point at s[*i] (len bytes in all), advancing *i past it; an
 * invalid byte, or *i at the end, gives U+FFFD and advances by one. */
static inline uint32_t
utf8_step(const char *s, size_t len, size_t *ip)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = *ip, n;
	uint32_t		 cp, c1, c2;

	if (i < len) {
		if (p[i] < 0x80) {
			*ip = i + 1;
			return p[i];
		}
		/* Leads E1-EC, EE-EF: any two continuation bytes are valid. */
		if (len - i >= 3 && p[i] - 0xE1u <= 0xEFu - 0xE1u &&
		    p[i] != 0xED) {
			c1 = p[i + 1] ^ 0x80u;
			c2 = p[i + 2] ^ 0x80u;
			if ((c1 | c2) < 0x40) {
				*ip = i + 3;
				return (p[i] & 0x0Fu) << 12 | c1 << 6 | c2;
			}
		}
		if ((n = utf8_decode_mb(s + i, len - i, &cp)) != 0) {
			*ip = i + n;
			return cp;
		}
	}
	*ip = i + 1;
	return 0xFFFD;
}

/* 3 when s[i] (i < len) starts a character of U+4E00-U+9FFF, the common
 * Han ideographs (cp_is_han, wide, never punctuation nor a blank), else
 * 0: for loops that skip over them fast. */
static inline size_t
utf8_han(const char *s, size_t len, size_t i)
{
	const unsigned char	*p = (const unsigned char *)s + i;
	uint32_t		 lead;

	if (len - i < 3)
		return 0;
	/* E4 B8 80 … E9 BF BF, without a branch on the lead byte. */
	lead = (uint32_t)p[0] << 8 | p[1];
	return ((lead - 0xE4B8u <= 0xE9BFu - 0xE4B8u) &
	    (((p[1] ^ 0x80u) | (p[2] ^ 0x80u)) < 0x40)) ? 3 : 0;
}

/* The end of the run of characters of U+4E00-U+9FFF (utf8_han) that
 * starts at s[i] (i itself when there is none). */
static inline size_t
utf8_han_run(const char *s, size_t len, size_t i)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 a, b;

	/* Two at a time, with fewer branches: runs are long. */
	while (len - i >= 6) {
		a = (uint32_t)p[i] << 8 | p[i + 1];
		b = (uint32_t)p[i + 3] << 8 | p[i + 4];
		if (((((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u) |
		    (p[i + 4] ^ 0x80u) | (p[i + 5] ^ 0x80u)) < 0x40) &
		    (a - 0xE4B8u <= 0xE9BFu - 0xE4B8u) &
		    (b - 0xE4B8u <= 0xE9BFu - 0xE4B8u)) == 0)
			break;
		i += 6;
	}
	while (i < len && utf8_han(s, len, i))
		i += 3;
	return i;
}

/* The code point that ends at s[end] (0 when end is 0): the one that
 * starts at the last byte before end that is not a continuation byte,
 * whose offset goes into *start (may be NULL). */
static inline uint32_t
utf8_prev(const char *s, size_t end, size_t *start)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = end;

	if (end == 0) {
		if (start != NULL)
			*start = 0;
		return 0;
	}
	if (p[end - 1] < 0x80) {
		if (start != NULL)
			*start = end - 1;
		return p[end - 1];
	}
	while (i > 0 && (p[i - 1] & 0xC0) == 0x80)
		i--;
	i = i > 0 ? i - 1 : 0;
	if (start != NULL)
		*start = i;
	return utf8_step(s, end, &i);
}

/* How a piece of text ends (text_end). */
enum {
	END_NONE,		/* mid-sentence */
	END_WEAK,		/* ； ： ， 、 */
	END_STRONG,		/* 。 ！ ？ (behind closing quotes, or before a
				 * trailing note in brackets) */
};

/* Physical lines rejoined into a paragraph, heading or item. */
struct unit {
	char		*s;		/* NUL-terminated, in the doc's arena */
	size_t		 len;
	int		 line;		/* original line of its first line */
	int		 col;		/* 1-based column of its first character */
	size_t		 first;		/* index of its first line in the text */
	size_t		 last;		/* index of its last line */
	size_t		 nlines;	/* non-blank lines joined */
	struct marker	 m;		/* marker at its start (M_NONE when none),
					 * pointing into s */
	int		 labels;	/* an enumeration label (enum_start)
					 * may start in it other than at its
					 * start: after a label boundary, or
					 * at the start of one of its lines */
};

struct units {
	struct unit	*v;		/* owned: units_free() */
	size_t		 n;
	size_t		 cap;
};

/* unwrap.c */
/* Rejoin lines [from, to) of t into units appended to out. */
void	 text_unwrap(struct doc *, const struct text *, size_t from,
	    size_t to, struct units *out);
void	 units_free(struct units *);
/* Append a wrapped line to b: no space between CJK characters, one
 * between Latin words.  Leading and trailing blanks of s are dropped. */
void	 join_line(struct buf *b, const char *s, size_t len);
/* END_NONE, END_WEAK or END_STRONG for s[0..len). */
int	 text_end(const char *s, size_t len);

/* Display columns of cp: 2 for CJK (cp_is_cjk), 1 otherwise. */
static inline int
cp_width(uint32_t cp)
{
	if (cp < 0x2014)
		return 1;
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 2;
	return cp_is_cjk(cp) ? 2 : 1;
}

/* Does cp end a sentence (。！？! ? … ．)? */
static inline int
cp_is_stop(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
	    cp == '!' || cp == '?' || cp == 0x2026 || cp == 0xFF0E;
}

/* Does cp close a quotation or bracket (” ’ 」 』 ） ) 》 】 〉 " ')? */
static inline int
cp_is_closer(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ')' || cp == '"' || cp == '\'';
	return cp == 0x201D || cp == 0x2019 || cp == 0x300D ||
	    cp == 0x300F || cp == 0xFF09 || cp == 0x300B ||
	    cp == 0x3011 || cp == 0x3009;
}

/* May an inline enumeration label start after cp: after 。！？…；：，、
 * ; : , (cp_is_stop too), a closing quote or bracket, or a blank (space,
 * tab, U+3000, U+00A0)? */
static inline int
cp_label_boundary(uint32_t cp)
{
	if (cp >= 0x3400 && cp <= 0x9FFF)	/* Han: the common case */
		return 0;
	return cp_is_stop(cp) || cp == 0xFF1B || cp == 0xFF1A ||
	    cp == 0xFF0C || cp == ';' || cp == ':' || cp == ',' ||
	    cp == 0x3001 || cp_is_closer(cp) || cp == ' ' || cp == '\t' ||
	    cp == 0x3000 || cp == 0xA0;
}

/* Does cp open a quotation or bracket (“ ‘ 「 『 （ ( 《 【 〈)? */
static inline int
cp_is_opener(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '(';
	return cp == 0x201C || cp == 0x2018 || cp == 0x300C ||
	    cp == 0x300E || cp == 0xFF08 || cp == 0x300A ||
	    cp == 0x3010 || cp == 0x3008;
}

/* table.c */
/* Index of the column-header line of a table report in lines [from,
 * to) of t (a line of three or more column names followed by a row
 * numbered 1), or -1. */
long	 table_find(const struct text *, size_t from, size_t to);
/* Parse the table whose header is line hdr, up to line to, into numbered
 * row items appended to parent (doc->columns and item fields set).
 * Return 0. */
int	 table_parse(struct doc *, const struct text *, size_t hdr, size_t to,
	    struct node *parent, struct diags *d);

/* outline.c, for table.c */
/* Length of the first sentence of s (through 。！？； and any closing
 * quotes), or of a short lead-in before a colon (colon excluded);
 * len when there is none. */
size_t	 first_sentence(const char *s, size_t len);

/* meta.c */
/* Does s[0..len) read as a title: no punctuation inside, a kind of
 * document at its end (…工作要点, …完成情况)? */
int	 title_words(const char *s, size_t len);
/* The document's title among the first units (a short line without a
 * sentence, before any numbered heading; one that names a kind of
 * document is preferred to a slogan above it): the index of that unit,
 * *n units long (a title cut in two lines), or -1; *title is the title
 * (in doc's arena) or NULL.  A notice that publishes the document
 * (关于印发《X》的通知) gives way to a line of its own, else its X is
 * the title (the notice stays in the body). */
long	 title_unit(struct doc *, const struct units *, const char **title,
	    size_t *n);

/* ------------------------------------------------------------------ */
/* md.c — Markdown → tree (through cmark)                              */
/* ------------------------------------------------------------------ */

/* Parse Markdown (front matter already removed; first_line is the
 * original line of utf8's first line) into doc->root, then call
 * meta_infer(doc, NULL): a lone first "# " heading is doc->title (when
 * front matter gave none or the same); other headings of the document
 * → sections nested by level (Chinese numbering in heading text →
 * num/label); ordered and bullet lists → block lists of items (num =
 * start + index, or null with the bullet as label); an item's first
 * paragraph is its text, its first sentence its title; trailing
 * annotations of headings and items → tags; GFM pipe tables at top
 * level → items with fields; top-level paragraph lines starting with
 * a numbering marker in sequence (1、 （一） ①) → nested items;
 * paragraphs with inline markup flattened;
 * soft breaks next to CJK dropped, else one space.  Warns about "**"
 * left unparsed and skipped heading levels.  Return 0, or -1 when lists
 * nest too deeply (error added, deeper lists left out). */
int	 md_parse(struct doc *, const char *utf8, size_t len, int first_line,
	    struct diags *d);
/* md_parse() with the tree limited to maxdepth levels below the root
 * ([limits] depth; md_parse() allows 32). */
int	 md_parse_max(struct doc *, const char *utf8, size_t len,
	    int first_line, int maxdepth, struct diags *d);

/* ------------------------------------------------------------------ */
/* load.c — one file → struct doc                                      */
/* ------------------------------------------------------------------ */

struct config;

/*
 * Read, decode, take front matter, clean and parse one file.  Return a
 * document (owned by the caller, doc_free()), or NULL when the file
 * could not be read or decoded (error added to d).  Warnings and
 * non-fatal errors of a document that was parsed are added to d too.
 */
struct doc	*doc_load(const char *path, const struct config *,
		    struct diags *d);
/* The same for len bytes already in memory (not kept), named path. */
struct doc	*doc_parse(const char *path, const char *data, size_t len,
		    const struct config *, struct diags *d);
/* Parse "---\nkey: value\n---\n" at the start of text into doc (title,
 * year, org, kind, encoding→*enc, others into doc->extra).  Return the
 * number of bytes it spans (0 when there is none); *lines is set to
 * the number of lines it spans. */
size_t		 frontmatter_parse(struct doc *, const char *text, size_t len,
		    int *lines, const char **enc, struct diags *d);

/* ------------------------------------------------------------------ */
/* mustache.c, mustache_render.c — the template engine                 */
/* ------------------------------------------------------------------ */

/*
 * A set of templates: compiled once on first use and cached, looked up
 * by name (partials {{>name}}, parents {{<name}}, dynamic names
 * {{>*name}}).  A name resolves to a source added with mustache_add(),
 * else to DIR/NAME.mustache when the set has a directory.  Names never
 * leave the directory ("..", absolute paths, NUL are refused).
 * The engine follows the Mustache specification v1.4.2 with its
 * inheritance and dynamic-names modules; lambdas are not supported.
 * Messages name the template as "NAME.mustache" (a file) or "NAME" (an
 * added source), with the line and column (code points) of the tag.
 * mustache_get() and mustache_render() may run in several threads at
 * once on one set (look-ups and compiling are locked; each thread has
 * its own diags); mustache_add(), mustache_strict() and mustache_free()
 * must not run concurrently with anything else.
 */
struct mustache_set;
struct mustache;	/* one compiled template */

/* Sections, inverted sections, blocks and parents nested inside each
 * other in one template: deeper is a compile error. */
#define MUSTACHE_MAX_NEST	100
/* Partials, parents and blocks expanded inside each other while
 * rendering: deeper (recursion) is a render error. */
#define MUSTACHE_MAX_DEPTH	100
/* Partial, parent and block expansions in one mustache_render(). */
#define MUSTACHE_MAX_EXPANSIONS	10000000UL
/* Largest template source, bytes. */
#define MUSTACHE_MAX_SIZE	(64UL * 1024 * 1024)
/* Largest output of one mustache_render() unless mustache_limit() says
 * otherwise ([limits] output), bytes. */
#define MUSTACHE_MAX_OUTPUT	(256UL * 1024 * 1024)

/* A new set reading templates from dir (may be NULL: sources only). */
struct mustache_set	*mustache_new(const char *dir);
/* Strict mode: a missing name or partial is an error, not "". */
void			 mustache_strict(struct mustache_set *, int on);
/* The most bytes one mustache_render() may write: more stops it with
 * "output over the limit of N bytes ([limits] output)". */
void			 mustache_limit(struct mustache_set *, size_t max);
/* Register source (copied) under name, replacing a cached one (a
 * template returned before stays valid until mustache_free()). */
void			 mustache_add(struct mustache_set *, const char *name,
			    const char *src, size_t len);
/* The compiled template name, compiling it on first use.  Return NULL
 * after adding "NAME.mustache:LINE:COL: ..." errors to d. */
const struct mustache	*mustache_get(struct mustache_set *, const char *name,
			    struct diags *d);
/* Render t with ctx appended to out.  Return 0, or -1 after adding
 * errors to d (out then holds a partial result).  In strict mode a
 * missing name is reported once per tag and rendering goes on; other
 * errors (recursion, a partial that does not compile) stop it. */
int			 mustache_render(struct mustache_set *,
			    const struct mustache *t, const struct value *ctx,
			    struct buf *out, struct diags *d);
void			 mustache_free(struct mustache_set *);
/* Append s HTML-escaped (& < > " ') to out. */
void			 html_escape(struct buf *out, const char *s, size_t len);

/*
 * The compiled form, shared by mustache.c (compiler, set) and
 * mustache_render.c (renderer).  A template is an array of ops whose
 * text and names point into the template's own copy of its source.
 * Sections, inverted sections, blocks and parents are followed by their
 * body and an MOP_END op; op.end is the index of that END.
 */
enum mop_kind {
	MOP_TEXT,	/* text[off..off+len): never spans a line break */
	MOP_VAR,	/* {{name}}: escaped */
	MOP_RAW,	/* {{{name}}} {{&name}} */
	MOP_SECTION,	/* {{#name}} */
	MOP_INVERTED,	/* {{^name}} */
	MOP_PARTIAL,	/* {{>name}} {{>*name}} */
	MOP_PARENT,	/* {{<name}}: its body holds only argument blocks */
	MOP_BLOCK,	/* {{$name}} */
	MOP_END,	/* {{/name}} */
};

#define MOP_BOL		0x01	/* starts a line of the source */
#define MOP_STANDALONE	0x02	/* the tag's line was removed */
#define MOP_DYNAMIC	0x04	/* name is looked up in the context */
#define MOP_PAIR	0x08	/* {{$b}}{{/b}} alone on its line */
#define MOP_ARG		0x10	/* a block inside a parent tag */
#define MOP_BLANK	0x20	/* TEXT: a line of nothing but its newline */

struct mop {
	uint8_t		 kind;		/* enum mop_kind */
	uint8_t		 flags;		/* MOP_* */
	uint32_t	 off, len;	/* TEXT: the text; tags: the name */
	uint32_t	 end;		/* SECTION..BLOCK: index of its END */
	uint32_t	 link;		/* PARENT: first argument block;
					 * argument BLOCK: the next one;
					 * 0 = none */
	uint32_t	 ind_off;	/* PARTIAL, PARENT, BLOCK: indentation */
	uint32_t	 ind_len;	/*   text added to each line */
	uint32_t	 strip;		/* TEXT at BOL: leading blanks; BLOCK:
					 * blanks its lines lose */
	uint32_t	 hash;		/* PARTIAL, PARENT: hash of the name */
	uint32_t	 line, col;	/* of the tag, for messages */
};

struct mustache {
	char		*file;		/* name used in messages */
	char		*text;		/* copy of the source */
	size_t		 len;
	struct mop	*ops;
	size_t		 nops;
};

/* Hash of a template name (FNV-1a). */
uint32_t		 mustache_hash(const char *, size_t);
/* Is name[0..len) a template name that stays inside the directory? */
int			 mustache_name_ok(const char *, size_t);
/* For the renderer: the template name[0..len) (hash from
 * mustache_hash), compiled on first use.  Return it; or NULL with
 * *failed = 0 when there is no such template, or *failed = 1 after
 * adding its compile errors to d. */
const struct mustache	*mustache_find(struct mustache_set *,
			    const char *name, size_t len, uint32_t hash,
			    struct diags *d, int *failed);
int			 mustache_is_strict(const struct mustache_set *);
size_t			 mustache_output_limit(const struct mustache_set *);

/* ------------------------------------------------------------------ */
/* config.c — config.ini                                               */
/* ------------------------------------------------------------------ */

struct config {
	char	*path;		/* file read, or NULL for defaults only */
	char	*title;		/* [site] title */
	char	*base_url;	/* [site] base_url, ends with '/' */
	char	*lang;		/* [site] language */
	char	*content_dir;	/* [paths] content */
	char	*templates_dir;	/* [paths] templates */
	char	*out_dir;	/* [paths] out */
	char	*input_encoding; /* [build] input_encoding, NULL = detect */
	int	 strict;	/* [build] strict */
	size_t	 max_file_size;	/* [limits] file_size, bytes */
	size_t	 max_line_length; /* [limits] line_length, bytes */
	size_t	 max_lines;	/* [limits] lines */
	int	 max_depth;	/* [limits] depth */
	size_t	 max_output;	/* [limits] output, bytes of one page */
};

/* Set every key to its default. */
void	 config_defaults(struct config *);
/* Read path over the current values.  Return 0, or -1 after adding
 * "config.ini:LINE: ..." errors to d. */
int	 config_load(struct config *, const char *path, struct diags *d);
void	 config_free(struct config *);

/* ------------------------------------------------------------------ */
/* site.c — the model of the site and its pages                        */
/* ------------------------------------------------------------------ */

/*
 * A document is known to the pages that list it by its summary alone,
 * so that its tree can be freed once its own page is rendered and the
 * summary kept between builds (manifest.c).  Strings belong to whoever
 * made the summary (an arena, or a manifest's buffer).
 */
struct anchors;

struct sref {			/* a node that carries an annotation */
	const char	*tag;
	const char	*anchor;
	const char	*label;	/* NULL when the node has none */
	const char	*text;	/* its title, else its text: 120 characters */
	uint32_t	 line;
	uint32_t	 seq;	/* pre-order position in the document */
	uint8_t		 type;	/* enum node_type */
	uint64_t	 tkey;	/* hash of tag */
	uint64_t	 key;	/* hash of anchor, label, text, line, type */
};

struct summary {
	const char	*source;
	const char	*title;		/* NULL when unknown */
	int		 year;		/* 0 when unknown */
	const char	*org;		/* NULL when unknown */
	const char	*kind;		/* NULL when unknown */
	const char	*encoding;
	const char	*format;
	uint32_t	 nsections;
	uint32_t	 nitems;
	uint64_t	 key;		/* hash of all the above but source */
	struct sref	*refs;		/* every tag of every node, in order */
	size_t		 nrefs;
};

/* summary.c: s[0..len) as UTF-8 in a (bytes that are not: U+FFFD). */
char	*site_utf8(struct arena *a, const char *s, size_t len);
/* The file name of path without folder and extension, as UTF-8. */
char	*site_base_name(struct arena *a, const char *path);
/* The first ncp characters of s, with "…" when cut (then in a). */
const char *text_shorten(struct arena *a, const char *s, size_t ncp);
/* Fill sum from doc, whose anchors are an; strings are copied into a. */
void	 summary_make(struct summary *, struct arena *a, const struct doc *,
	    const struct anchors *an);
/* Do a and b say the same, field by field? */
int	 summary_equal(const struct summary *a, const struct summary *b);
/* Give the documents at paths[0..n) (sorted) unique slugs: slugs[i]
 * in a; "index", "404", "search" are taken.  A renamed one is warned
 * about in d (slug_warn()), and bases[i] (bases may be NULL) is the
 * slug it wanted, else NULL. */
void	 site_slugs(const char *const *paths, size_t n, struct arena *a,
	    const char **slugs, const char **bases, struct diags *d);
/* The warning of site_slugs() about path, renamed from base to slug. */
void	 slug_warn(struct diags *d, const char *path, const char *base,
	    const char *slug);
/* "src/SLUG.md" or "src/SLUG.txt" by the source's extension; with utf8,
 * "src/SLUG.utf8.txt" (in a). */
const char *site_src_path(struct arena *a, const char *slug,
	    const char *source, int utf8);

/* A document of the site: its summary, slug, and the hash of its
 * source file (part of its page's key). */
struct site_doc {
	const struct summary	*sum;
	const char		*slug;
	uint64_t		 hash;
	int			 want;	/* its page is keyed or rendered */
};

/*
 * The model of a site: documents (docs, in the order of their
 * sources), years, organisations, kinds, annotations, display order,
 * slugs and URLs of every page.  Pages are rendered with ms (compiled
 * by site_compile(); may be NULL for keys only).  Every page has a key:
 * a hash of everything its bytes depend on besides the templates, the
 * configuration and the documents' trees (which the document hash
 * stands for); a page whose key did not change need not be rendered.
 * Any number of threads may render pages of one site at once.
 */
struct site;
struct mustache_set;

struct mgroup;
/* Never NULL; warnings about names go to d.  site_free() releases it.
 * With known groups (site_groups() of a site of the same summaries),
 * the groups are taken from there, not from every summary, and only
 * the documents that want their page are modelled: enough for those
 * documents' pages, which is all such a site renders (it has no other
 * page). */
struct site	*site_new(const struct config *, struct mustache_set *ms,
		    const struct site_doc *docs, size_t n,
		    const struct mgroup *known, size_t nknown,
		    struct diags *d);
/* The groups of the site (kind, name and slug each), in a. */
size_t		 site_groups(const struct site *, struct arena *a,
		    struct mgroup **groups);
void		 site_free(struct site *);
/* Compile every page template: 0, or -1 after adding errors to d. */
int		 site_compile(struct mustache_set *, struct diags *d);
/* The key of the page of document i. */
uint64_t	 site_doc_key(const struct site *, size_t i);
/* Render document i's page (SLUG.html) from its tree doc with anchors
 * an, appended to out.  Return 0, or -1 after adding errors to d. */
int		 site_doc_page(const struct site *, size_t i,
		    const struct doc *doc, const struct anchors *an,
		    struct buf *out, struct diags *d);
/* The other pages: home, indices, groups, annotations, sitemap, ... */
size_t		 site_npages(const struct site *);
/* Path of page j under out/ ("tag/办实事项目25.html"; not encoded). */
const char	*site_page_path(const struct site *, size_t j);
uint64_t	 site_page_key(const struct site *, size_t j);
/* Render page j appended to out: 0, or -1 after adding errors to d. */
int		 site_page_render(const struct site *, size_t j,
		    struct buf *out, struct diags *d);

/* ------------------------------------------------------------------ */
/* build.c — gen build: parallel, incremental, atomic                  */
/* ------------------------------------------------------------------ */

struct build_opts {
	int		 jobs;		/* threads; 0: $GEN_JOBS, else the CPUs */
	int		 full;		/* ignore the manifest: build it all */
	const char	*depfile;	/* write a make rule of the inputs here */
	const char	*dep_target;	/* its target (NULL: the depfile) */
	/* Called from the calling thread now and then while documents or
	 * pages are worked on (may be NULL). */
	void		(*progress)(void *arg, const char *what, size_t done,
			    size_t total);
	void		*arg;
};

enum build_mode {
	BUILD_NOTHING,		/* nothing changed: nothing written */
	BUILD_INCREMENTAL,	/* what changed, from the manifest */
	BUILD_FULL,		/* from scratch */
};

struct build_stats {
	enum build_mode	 mode;
	size_t		 ndocs;		/* documents in the site */
	size_t		 nparsed;	/* documents read and parsed */
	size_t		 nchanged;	/* inputs added, changed or removed */
	size_t		 nwritten;	/* files written */
	size_t		 nremoved;	/* files removed */
	struct buf	 changed;	/* "PATH\n" per input that changed
					 * (the first 20); buf_free() it */
};

/*
 * Build the site of the content folder into cfg->out_dir.  The first
 * build renders everything into a fresh sibling OUT.tmp.PID and swaps
 * it into place.  Later builds read OUT/.gen-manifest: when no input
 * changed (stat data, then content hashes) nothing is written; else
 * only documents that changed are read and parsed, and only pages whose
 * key changed are rendered, into a hidden sibling .OUT.gen-shadow that
 * mirrors OUT with hard links; it is exchanged with OUT in one step
 * (renameat2), so OUT is always a whole site: the previous one, or the
 * new one.  A new configuration, template, asset or version of gen
 * means a full build.  OUT/print and OUT/pagefind (gen print's and
 * Pagefind's) are kept.  Diagnostics of documents that were not read
 * again come from the manifest, so every build reports the same.
 * Return 0, or -1 after adding errors to d (OUT is then as it was).
 */
int	 site_update(const struct config *, const struct build_opts *,
	    struct build_stats *, struct diags *d);

/* Make the next site_update() of cfg's site incremental at once: mirror
 * out/ into its hidden sibling unless it is already (for gen watch,
 * between builds).  Return 0, or -1 after adding an error to d. */
int	 site_ready(const struct config *, struct diags *d);

/* Build the site of docs (n, any order, already loaded) into
 * cfg->out_dir from scratch, as site_update() does, without a manifest
 * (the next site_update() builds everything).  Return 0 or -1. */
int	 site_build(const struct config *, struct doc **docs, size_t n,
	    struct diags *d);

struct mout;

/* mirror.c — the output folder, its lock, the fresh folder of a full
 * build and the hidden mirror of incremental ones (see mirror.c). */
struct outdir {
	struct arena	 a;
	char		*out;		/* cfg->out_dir without trailing '/' */
	char		*parent;	/* the folder that holds it */
	char		*name;
	char		*stage;		/* OUT.tmp.PID */
	char		*shadow;	/* PARENT/.NAME.gen-shadow */
	char		*manifest;	/* OUT/.gen-manifest */
	char		*sums;		/* OUT/.gen-summaries */
	int		 lockfd;
};

/* Paths from out_dir: 0, or -1 after adding an error (bad name). */
int	 outdir_open(struct outdir *, const char *out_dir,
	    const char *cfgpath, struct diags *d);
/* Lock the output (one build at a time); remove leftovers of killed
 * builds beside it. */
void	 outdir_lock(struct outdir *);
void	 outdir_close(struct outdir *);
/* A fresh OUT.tmp.PID with the site's folders: 0, or -1 (error added). */
int	 outdir_stage(struct outdir *, struct diags *d);
/* Is one of the folders dirs[0..n) of out/ ("" itself) newer than its
 * manifest, or gone: changed by another hand? */
int	 outdir_touched(struct outdir *, const char *const *dirs, size_t n);
/* Date out/'s manifest now (after gen's last change to out/). */
void	 outdir_date(struct outdir *);
/* Is the mirror a true copy of out/ (its manifest out/'s very file)? */
int	 shadow_clean(struct outdir *);
/* Make the mirror again from out/ (outputs outs[0..n) and summaries),
 * dirty; missing[i] (may be NULL) set for outputs not in out/.  Return
 * how many are missing, or -1 after adding an error. */
long	 shadow_mirror(struct outdir *, const struct mout *outs, size_t n,
	    unsigned char *missing, struct diags *d);
/* Mark the mirror dirty before writing it: 0, or -1 (error added). */
int	 shadow_dirty(struct outdir *, struct diags *d);
/* The dirty mirror renamed OUT.tmp.PID while written: 0, or -1 (error
 * added); shadow_put() names it back. */
int	 shadow_take(struct outdir *, struct diags *d);
void	 shadow_put(struct outdir *);
/* After the exchange: the mirror a true copy again, from the outputs
 * written and removed by the build (left dirty on any failure). */
void	 shadow_sync(struct outdir *, const char *const *written, size_t nw,
	    const char *const *removed, size_t nr);
/* Remove from the mirror all but the outputs keep[] and folders dirs[].
 * Return 0, or -1 when it cannot be trusted. */
int	 shadow_strays(struct outdir *, const char *const *keep, size_t nk,
	    const char *const *dirs, size_t nd);
/* Remove the mirror (of a site a full build replaced). */
void	 shadow_drop(struct outdir *);

/* publish.c — folders for an atomic publish.  Remove path and all under
 * it (symbolic links are removed, not followed).  Return 0, or -1 after
 * adding an error to d. */
int	 tree_remove(const char *path, struct diags *d);
/* Copy the regular files under src (recursively, dot files skipped)
 * into dst, creating folders.  Return 0, or -1 after adding an error. */
int	 tree_copy(const char *src, const char *dst, struct diags *d);
/* Swap the finished folder tmp into place as out: out must be absent,
 * empty or hold the marker file SITE_MARKER of an earlier build.
 * Return 0, or -1 after adding an error (out is then untouched). */
int	 tree_swap(const char *tmp, const char *out, struct diags *d);
/* tree_swap(), carrying the folders keep[] (NULL-terminated, may be
 * NULL) of the previous out over into the new one. */
int	 tree_publish(const char *tmp, const char *out,
	    const char *const *keep, struct diags *d);
/* Write data[0..len) to path as a new file, straight (for a folder not
 * published yet).  Return 0, or -1 with errno. */
int	 file_create(const char *path, const char *data, size_t len);
/* Make dst (absent) a tree of hard links to the files rel[0..n) of src
 * that exist, creating folders.  Return 0, or -1 after adding an
 * error. */
int	 tree_mirror(const char *src, const char *dst,
	    const char *const *rel, size_t n, struct diags *d);
/* Exchange folders a and b: in one step where the file system can,
 * else by three renames.  Return 0, or -1 after adding an error. */
int	 tree_exchange(const char *a, const char *b, struct diags *d);
/* Move the folders keep[] (NULL-terminated) of site from to site to,
 * where to has none of that name; a failure is a warning. */
void	 tree_carry(const char *from, const char *to,
	    const char *const *keep, struct diags *d);
#define SITE_MARKER ".gen-site"

/* ---- slug.c — slugs, unique names, URL encoding ---- */

#define SLUG_MAX 120	/* bytes of a slug, so SLUG.html.tmp.PID fits */

/* Append the slug of s[0..len) to out (at most max bytes): ASCII
 * letters lower-cased, digits, '_' and non-ASCII letters (Han) kept,
 * full-width letters and digits folded, any other run (blanks,
 * punctuation, '/', '.', controls) one '-', none at either end. */
void	 slug_append(struct buf *out, const char *s, size_t len, size_t max);
/* The slug of s (xmalloc'd), or a copy of fallback when it is empty. */
char	*slug_make(const char *s, const char *fallback);

/* A set of names (a hash table; never iterated for output). */
struct slugslot;	/* slug.c */
struct slugset {
	struct slugslot	 *v;
	size_t		  n;
	size_t		  cap;
	struct arena	  names;	/* owns the names */
};
#define SLUGSET_INIT { NULL, 0, 0, ARENA_INIT }

int	 slugset_has(const struct slugset *, const char *);
/* Take base, or when taken the first free of base<sep>2, base<sep>3, …
 * Return the name taken (owned by the set); *renamed (may be NULL)
 * tells whether it differs from base. */
const char *slugset_claim(struct slugset *, const char *base, int sep,
	    int *renamed);
void	 slugset_free(struct slugset *);
/* Append s percent-encoded for a URL path (keeps A-Z a-z 0-9 - . _ ~ /). */
void	 url_encode(struct buf *, const char *s);
/* strcmp with digit runs compared as numbers: a total order. */
int	 natcmp(const char *, const char *);

/* ---- view.c — anchors and template data of one document ---- */

/* Value of a number as written: ASCII digits, Chinese numerals (十五,
 * 一百零五), circled and parenthesised digits.  -1 when not a number. */
int	 num_value(const char *num);

/*
 * Stable fragment ids of a document's nodes, from their numbering:
 * section 一 → s1, its subsection （二） → s1-2; item 57 → i57 (when the
 * top-level item numbers are unique in the document, else s1-i3); an
 * item inside item 19 → i19-2; paragraph k → pk, an inline item of it
 * → pk-2.  Unnumbered nodes count their position.  Ids repeat never: a
 * repeat gets _2, _3.  Lists have no id.
 */
struct anchor_slot;
struct anchors {
	struct anchor_slot	*v;	/* open-addressed by node address */
	size_t			 cap;
	struct slugset		 ids;	/* owns the id strings */
	int			 scoped; /* item ids carry their section */
};
#define ANCHORS_INIT { NULL, 0, SLUGSET_INIT, 0 }

/* Give every node of doc its id, n->anchor in doc's arena; the root's
 * ("") is set last, so a root with an anchor says the document has
 * them all (iterative: no depth limit needed).  an keeps how they were
 * made (scoped) until anchors_free(). */
void	 anchors_build(struct anchors *, struct doc *);
/* The id of n ("" for lists and nodes without one): n->anchor. */
const char *anchor_of(const struct anchors *, const struct node *);
void	 anchors_free(struct anchors *);

/* What the views of one document need; values are built in a. */
struct view {
	struct arena		*a;
	const struct doc	*doc;
	const struct anchors	*anchors;
	/* The href of the page of a tag, relative to the page being built
	 * (percent-encoded), owned by arg or a. */
	const char		*(*tag_href)(const void *arg, const char *tag);
	const void		*arg;
	int			 maxdepth; /* nodes deeper are dropped, warned */
	struct diags		*d;
};

/* The body of the document: an array of node views (see node.mustache
 * for their members; every member is present on every node, so that
 * Mustache lookups never fall through to an enclosing context). */
struct value	*view_body(const struct view *);
/* The table of contents: [{anchor, label, title, depth, count}]. */
struct value	*view_toc(const struct view *);
/* Number of sections and of items (all levels, inline too) under n. */
size_t		 node_count(const struct node *n, enum node_type);
/* The extra front-matter keys of doc: [{key, value}]. */
struct value	*view_extra(struct arena *, const struct doc *);
/* The chart of items per top-level section of doc, or false. */
struct value	*view_doc_chart(struct arena *, const struct doc *);

/* A horizontal bar chart drawn by chart.mustache: rows with a label
 * (full: tooltip) and one value per series (nseries 1 or 2, each drawn
 * in its own panel with its own scale).  Geometry is integers. */
struct chart_row {
	const char	*label;
	const char	*full;
	double		 v[2];
};
struct value	*view_chart(struct arena *, const char *title,
		    const char *const *series, size_t nseries,
		    const struct chart_row *, size_t nrows);

/* ------------------------------------------------------------------ */
/* pool.c — work spread over threads                                   */
/* ------------------------------------------------------------------ */

#define POOL_MAX 64	/* threads at most */

struct pool_job {
	/* Called for every item by worker 0..threads-1 (0: the caller). */
	void		(*fn)(void *arg, int worker, size_t item);
	void		*arg;
	const size_t	*items;		/* NULL: the items are 0..n-1 */
	size_t		 n;
	int		 threads;
	/* May be NULL: no more items are handed out once it says so. */
	int		(*stopped)(void *arg);
	/* May be NULL: called by worker 0 after each of its items. */
	void		(*progress)(void *parg, const char *what,
			    size_t done, size_t total);
	void		*parg;
	const char	*what;
};

/* Run the job; return when every thread is done. */
void	 pool_run(const struct pool_job *);

/* ------------------------------------------------------------------ */
/* manifest.c — hashes, input scans, the manifest, make's depfile      */
/* ------------------------------------------------------------------ */

/* A 64-bit hash of data[0..len) under seed (several GB/s; for noticing
 * change, not against an adversary). */
uint64_t hash64(const void *data, size_t len, uint64_t seed);

/* A running hash of fields; start with any seed in h. */
struct hasher {
	uint64_t	 h;
};
void	 hasher_bytes(struct hasher *, const void *, size_t);
/* NULL and "" hash differently. */
void	 hasher_str(struct hasher *, const char *);
void	 hasher_u64(struct hasher *, uint64_t);

/* A file seen by a scan. */
struct finfo {
	char		*path;		/* owned */
	uint64_t	 size;
	int64_t		 mtime;		/* nanoseconds; -1 when unknown */
	uint64_t	 ino;
};

struct flist {
	struct finfo	*v;
	size_t		 n;
	size_t		 cap;
};

/* Is name a content file (.txt, .md, .markdown; not a dot file)? */
int	 is_content_name(const char *name);
/* Append the files under top (content files only when content; dot
 * entries skipped; links to folders not followed; a link to a file is
 * seen as its target) to files, and when dirs is not NULL its folders
 * (top too) to dirs, each sorted by path; a large folder is stat'ed on
 * up to threads threads.  Return 0, or -1 after adding an error for a
 * folder that cannot be read. */
int	 files_scan(const char *top, int content, int threads,
	    struct flist *files, struct flist *dirs, struct diags *d);
void	 flist_free(struct flist *);

/* An input file as the manifest records it. */
struct mfile {
	const char	*path;
	uint64_t	 size;
	int64_t		 mtime;		/* -1: hash it again next time */
	uint64_t	 ino;
	uint64_t	 hash;
};

/* A document: its file, its diagnostics, and its summary when it was
 * read (ok). */
struct mdoc {
	struct mfile	 f;
	const char	*slug;		/* its page's */
	const char	*slug_base;	/* the slug it wanted, if renamed */
	size_t		 oidx;		/* its first output, or MOUT_NONE */
	int		 ok;
	struct diags	 parse;		/* of reading and parsing it */
	struct diags	 page;		/* of rendering its page */
	struct summary	 sum;
	const char	*raw;		/* its summary's bytes in the file */
	uint64_t	 rawoff;
	uint64_t	 rawlen;
	int		 refs_read;	/* sum.refs is there */
	size_t		 nrefs;		/* its references, read or not */
};

/* A group of documents (year, organisation, kind, annotation: site.c's
 * kinds), its name and the slug of its page. */
struct mgroup {
	unsigned	 kind;
	const char	*name;
	const char	*slug;
};

/* An output file under out/ and its key.  A document's outputs are in
 * a row: page, JSON, source copy, UTF-8 copy (when it has one). */
#define MOUT_NONE	((size_t)-1)
struct mout {
	const char	*path;
	uint64_t	 key;
};

/*
 * OUT/.gen-manifest: the environment's hash (version of gen,
 * configuration, templates and assets), the template and content files
 * with stat data and hashes, each document's diagnostics, the site's
 * own diagnostics, and every output file with its key.  Beside it
 * OUT/.gen-summaries holds the summaries, written again only when one
 * changed.  Strings of a manifest that was read point into its files,
 * which stay mapped until manifest_free().
 */
struct manifest {
	const char	*map;		/* .gen-manifest, mapped */
	size_t		 maplen;
	const char	*sums_map;	/* .gen-summaries (manifest_more()) */
	size_t		 sums_len;
	uint64_t	 sums_id;	/* names the summaries file */
	const char	**dirs;		/* the folders of the outputs ("") */
	size_t		 ndirs;
	struct mfile	*cdirs;		/* the content folders (top first), */
	size_t		 ncdirs;	/* none when one could not be read */
	struct arena	 a;
	uint64_t	 env;
	struct mfile	*tpl;
	size_t		 ntpl;
	struct mdoc	*docs;		/* sorted by path */
	size_t		 ndocs;
	struct diags	 site;
	struct mout	*outs;		/* (manifest_more()) */
	size_t		 nouts;
	struct mgroup	*groups;	/* (manifest_more()) */
	size_t		 ngroups;
	size_t		 outs_at;	/* where the outputs are */
};

/* Read path into m (manifest_free() releases it), all but the
 * summaries and the outputs: what tells whether anything changed.
 * Return 0, or -1 when there is none or it is damaged or from another
 * version of gen (m is then empty). */
int	 manifest_read(const char *path, struct manifest *m);
/* The content folder top as m saw it, when none of its folders has
 * changed since: m's files stat'ed again (on up to threads threads)
 * into files and its folders into dirs, as files_scan() would give
 * them, without reading a folder.  Return 0, or -1 when a folder
 * changed or a file is gone (files and dirs left empty). */
int	 files_known(const struct manifest *m, const char *top, int threads,
	    struct flist *files, struct flist *dirs);
/* Read the outputs and annotations of m, and the summaries from the
 * file sums, their references only with refs.  Return 0, or -1 when
 * they are missing or damaged (then m is of no use: manifest_free()
 * it). */
int	 manifest_more(struct manifest *m, const char *sums, int refs);
/* Read the references of document i (0, or -1 when damaged). */
int	 manifest_refs(struct manifest *m, size_t i);
/* Write m to path and its summaries to sums (unless every summary is a
 * raw record inside m->sums_map already), each atomically.  Only reads
 * m.  Return 0, or -1 with errno. */
int	 manifest_write(const char *path, const char *sums,
	    const struct manifest *m);
void	 manifest_free(struct manifest *);
/* Write "target: inputs…" and an empty rule per input to path, unless
 * it holds exactly that already.  Return 0, or -1 after adding an
 * error to d. */
int	 depfile_write(const char *path, const char *target,
	    const char *const *inputs, size_t n, struct diags *d);

/* ------------------------------------------------------------------ */
/* pack.c — a document tree as bytes and back                          */
/* ------------------------------------------------------------------ */

/* Append doc in packed form to out. */
void	 doc_pack(const struct doc *, struct buf *out);
/* The document packed in data[0..len), named source (the caller frees
 * it with doc_free()), or NULL when the data is damaged. */
struct doc *doc_unpack(const char *source, const char *data, size_t len);

/* ------------------------------------------------------------------ */
/* watch.c — waiting for the inputs to change (inotify)                */
/* ------------------------------------------------------------------ */

struct watch;

/* A new watcher, or NULL (errno set) when the system has none. */
struct watch	*watch_new(void);
/* Watch the folder top and every folder under it (new ones too).
 * Return 0, or -1 after adding an error to d. */
int		 watch_tree(struct watch *, const char *top, struct diags *d);
/* Watch the file path (through its folder, so that a replaced file is
 * still seen).  Return 0, or -1 after adding an error to d. */
int		 watch_file(struct watch *, const char *path, struct diags *d);
/* Wait until something watched changes, then until quiet_ms pass
 * without another change.  Return 1 after a change, 0 when *stop was
 * set (by a signal handler), -1 on an error (errno set). */
int		 watch_wait(struct watch *, int quiet_ms,
		    volatile int *stop);
void		 watch_free(struct watch *);

/* ------------------------------------------------------------------ */
/* print.c — print editions (paged HTML for WeasyPrint, GB/T 9704)      */
/* ------------------------------------------------------------------ */

/*
 * Write the print editions of docs (n of them, in any order) into
 * OUT/print/ (OUT = cfg->out_dir) with the templates of TEMPLATES/print/
 * (summary, doc, index; print.css is copied beside the HTML):
 *   YEAR.html   the annual summary of each year that has documents:
 *               cover, contents, overview with counts and a chart, every
 *               document of the year, an index of annotations;
 *   SLUG.html   the print edition of each document (SLUG: its file name
 *               without extension, made unique; never all digits nor
 *               "index");
 *   index.html  a list of both.
 * Documents without a year get an edition but no summary.  The date on
 * a page is SOURCE_DATE_EPOCH (environment) when set, else the newest
 * modification time of its sources (UTC), so the same input gives the
 * same bytes; a file is rewritten only when its bytes change (so its PDF
 * can be remade by date).  Appends to pdfs one path a line of the HTML
 * files to make PDFs of: every summary, and every edition when pdf_docs.
 * Return 0, or -1 after adding errors to d: nothing is written when a
 * template or print.css is missing, else what could be written is.
 */
int	 print_build(const struct config *, struct doc **docs, size_t n,
	    int pdf_docs, struct buf *pdfs, struct diags *d);

#endif /* GEN_H */

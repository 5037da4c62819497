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
void	 buf_put(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
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
	struct arena_block *head;
};
#define ARENA_INIT { NULL }

void	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_printf(struct arena *, const char *, ...) GEN_PRINTF(2, 3);
void	 arena_free(struct arena *);

/* ------------------------------------------------------------------ */
/* utf8.c — UTF-8 and ASCII character classes                          */
/* ------------------------------------------------------------------ */

/* Decode one code point at s (len bytes available).  Return the number
 * of bytes used (1-4), or 0 when the bytes are not strict UTF-8 (then
 * *cp is 0xFFFD).  Never reads past len. */
size_t	 utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes).  Return the number of bytes written. */
size_t	 utf8_encode(uint32_t cp, char out[4]);
/* Return the length of the longest valid UTF-8 prefix of s. */
size_t	 utf8_valid(const char *s, size_t len);
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
/* Append doc as JSON (DESIGN.md's form, 2-space indent) to out. */
void		 doc_json(const struct doc *, struct buf *out);

/* ------------------------------------------------------------------ */
/* decode.c — bytes → UTF-8                                            */
/* ------------------------------------------------------------------ */

/*
 * Decode data (len bytes of the file path) into UTF-8 appended to out.
 * want names an encoding to use (from --input-encoding or front
 * matter), or is NULL to detect: BOM (UTF-8, UTF-16LE/BE), strict
 * UTF-8, BOM-less UTF-16 by its NUL pattern, GB18030.  The BOM is not
 * copied.  Line breaks are kept one for one, so line numbers in out are
 * those of the original file.  *enc is set to a static name such as
 * "UTF-8" or "GB18030".  Return 0, or -1 after adding an error
 * "invalid byte 0x.. (tried UTF-8, GB18030)" at its line:col to d.
 */
int	 text_decode(const char *path, const char *data, size_t len,
	    const char *want, struct buf *out, const char **enc,
	    struct diags *d);

/* ------------------------------------------------------------------ */
/* text.c — UTF-8 → clean lines                                        */
/* ------------------------------------------------------------------ */

/* One line of cleaned text. */
struct line {
	const char	*s;	/* UTF-8, not NUL-terminated necessarily */
	size_t		 len;	/* 0 for a blank line */
	int		 no;	/* 1-based line number in the original file */
};

struct text {
	struct line	*v;	/* in the document's arena */
	size_t		 n;
	const char	*header; /* a repeated page header that was removed */
};

/*
 * Split utf8 into cleaned physical lines (first_line is the original
 * line number of utf8's first line, after any front matter): CR/CRLF,
 * full-width digits and Latin letters to ASCII, U+00A0/U+3000 runs,
 * export artifacts dropped ([bookmark: ...], form feeds, page-number
 * lines, a repeated page header or footer), doubled-glyph regions
 * repaired.  Blank lines are kept (len 0) so paragraphs can be found.
 * Lines and their text live in doc's arena.  Return 0, or -1 on error
 * (diagnostic added).
 */
int	 text_clean(struct doc *, const char *utf8, size_t len, int first_line,
	    struct text *out, struct diags *d);

/* ------------------------------------------------------------------ */
/* numeral.c — Chinese and Arabic numbering markers                    */
/* ------------------------------------------------------------------ */

enum mstyle {
	M_NONE,
	M_CN_DUN,	/* 一、 */
	M_CN_PAREN,	/* （一） (一) */
	M_AR_DOT,	/* 1. 1． (full-width digits are ASCII after text.c) */
	M_AR_DUN,	/* 1、 */
	M_AR_PAREN,	/* （1） (1) */
	M_CIRCLED,	/* ① */
	M_CHAPTER,	/* 第一章 */
	M_ARTICLE,	/* 第一条 */
	M_LEAD,		/* a word before a numeral: 亮点一： */
	M_AR_BARE,	/* a number alone (table rows) */
};

/* A numbering marker found at the start of a line or heading. */
struct marker {
	enum mstyle	 style;
	int		 value;		/* 1-based value of the numeral */
	const char	*num;		/* the numeral as written (points into s) */
	size_t		 numlen;
	size_t		 len;		/* bytes of the marker with its delimiter
					 * and following blanks */
};

/* Value of the Chinese numeral at s (〇 一 … 九十九 一百 …); *used gets
 * its length in bytes.  Return -1 when s does not start with one. */
int	 cn_numeral(const char *s, size_t len, size_t *used);
/* Recognise a numbering marker at the start of s.  Return its length in
 * bytes (m filled in), or 0 (m->style = M_NONE) when there is none. */
size_t	 marker_parse(const char *s, size_t len, struct marker *m);

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
/* Fill doc's title, year, org and kind where front matter left them
 * unknown, from the title line and the text (t may be NULL: then from
 * doc->title and the tree only, as md.c does). */
void	 meta_infer(struct doc *, const struct text *);

/* ------------------------------------------------------------------ */
/* md.c — Markdown → tree (through cmark)                              */
/* ------------------------------------------------------------------ */

/* Parse Markdown (front matter already removed; first_line is the
 * original line of utf8's first line) into doc->root: headings →
 * sections (Chinese numbering in heading text recognised), ordered
 * lists → items, paragraphs; soft breaks between CJK dropped.  Return
 * 0, or -1 on error (diagnostic added). */
int	 md_parse(struct doc *, const char *utf8, size_t len, int first_line,
	    struct diags *d);

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
/* mustache.c — the template engine                                    */
/* ------------------------------------------------------------------ */

/*
 * A set of templates: compiled once on first use and cached, looked up
 * by name (partials {{>name}}, parents {{<name}}, dynamic names
 * {{>*name}}).  A name resolves to a source added with mustache_add(),
 * else to DIR/NAME.mustache when the set has a directory.  Names never
 * leave the directory ("..", absolute paths are refused).
 */
struct mustache_set;
struct mustache;	/* one compiled template */

/* A new set reading templates from dir (may be NULL: sources only). */
struct mustache_set	*mustache_new(const char *dir);
/* Strict mode: a missing name or partial is an error, not "". */
void			 mustache_strict(struct mustache_set *, int on);
/* Register source (copied) under name, replacing a cached one. */
void			 mustache_add(struct mustache_set *, const char *name,
			    const char *src, size_t len);
/* The compiled template name, compiling it on first use.  Return NULL
 * after adding "NAME.mustache:LINE:COL: ..." errors to d. */
const struct mustache	*mustache_get(struct mustache_set *, const char *name,
			    struct diags *d);
/* Render t with ctx appended to out.  Return 0, or -1 after adding an
 * error to d (out then holds a partial result). */
int			 mustache_render(struct mustache_set *,
			    const struct mustache *t, const struct value *ctx,
			    struct buf *out, struct diags *d);
void			 mustache_free(struct mustache_set *);
/* Append s HTML-escaped (& < > " ') to out. */
void			 html_escape(struct buf *out, const char *s, size_t len);

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
	int	 max_depth;	/* [limits] depth */
};

/* Set every key to its default. */
void	 config_defaults(struct config *);
/* Read path over the current values.  Return 0, or -1 after adding
 * "config.ini:LINE: ..." errors to d. */
int	 config_load(struct config *, const char *path, struct diags *d);
void	 config_free(struct config *);

/* ------------------------------------------------------------------ */
/* site.c — documents → out/                                           */
/* ------------------------------------------------------------------ */

/* Build the site for docs (n of them, in any order) into cfg->out_dir.
 * Return 0, or -1 after adding errors to d. */
int	 site_build(const struct config *, struct doc **docs, size_t n,
	    struct diags *d);

#endif /* GEN_H */

/*
 * parse_int.h — internals of the parse layer (text.c, numeral.c,
 * outline.c, unwrap.c, table.c, meta.c, md.c, load.c), shared by its
 * files and the tests only.
 */
#ifndef GEN_PARSE_INT_H
#define GEN_PARSE_INT_H

#include "parse/parse.h"

/* ------------------------------------------------------------------ */
/* text.c — UTF-8 → clean lines                                        */
/* ------------------------------------------------------------------ */

/* One line of cleaned text. */
struct line {
	const char	*s;	/* UTF-8, NUL-terminated */
	uint32_t	 len;	/* 0 for a blank line (text_clean refuses
				 * a line of 4 GiB: a record a line) */
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
 * ASCII (full-width punctuation stays); the characters text_invisible()
 * names go (control, zero-width and bidirectional control characters,
 * noncharacters); leading blanks are removed (kept in indent), trailing
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

/* pii.c — personal data.  Warn in d (file path) about each resident ID
 * number (GB 11643, date and check digit verified) and mobile number in
 * the UTF-8 text s[0..len) whose first line is first_line, at its line
 * and column, ending "[personal-data]".  Linear in len. */
void	 pii_scan(const char *path, const char *s, size_t len,
	    int first_line, struct diags *d);

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
 * doc->title and the tree only, as md.c does), by docs/parsing.md
 * "Metadata"; a note in d (may be NULL) for each that stays unknown. */
void	 meta_infer(struct doc *, const struct text *, struct diags *d);

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

/* A numbering marker kept small (a unit of every line, or nearly, is
 * alive until the tree is built): struct marker with its pointers as
 * offsets into the unit's text (UMARK_NULL for NULL), its lengths in 32
 * bits.  unit_mark() gives the struct marker back. */
#define UMARK_NULL	UINT32_MAX
struct umark {
	uint8_t		 style;		/* enum mstyle */
	uint8_t		 cn;
	int		 value;
	uint32_t	 delim;
	uint32_t	 num, numlen;	/* offsets and lengths in the text */
	uint32_t	 len, lablen, labstart;
	uint32_t	 lead, leadlen;
};

/* Physical lines rejoined into a paragraph, heading or item.  One
 * record a unit, for the whole outline: the survey (outline.c) replaces
 * m with the marker it places the unit by and sets heading and late. */
struct unit {
	const char	*s;		/* NUL-terminated, in the doc's arena
					 * (a line's own text when it is one
					 * line as cleaned) */
	size_t		 len;
	int		 line;		/* original line of its first line */
	int		 col;		/* 1-based column of its first character */
	int		 nlines;	/* non-blank lines joined */
	unsigned	 labels:1;	/* an enumeration label (enum_start)
					 * may start in it other than at its
					 * start: after a label boundary, or
					 * at the start of one of its lines */
	unsigned	 heading:1;	/* outline.c: heading_unit() */
	unsigned	 late:1;	/* outline.c: starts_late() */
	struct umark	 m;		/* marker at its start (M_NONE when
					 * none); a unit over 4 GiB has none */
};

struct units {
	struct unit	*v;		/* owned: units_free() */
	size_t		 n;
	size_t		 cap;
};

/* Keep marker m, whose pointers point into s (len bytes), in *um (style
 * M_NONE when len does not fit in 32 bits). */
void	 umark_set(struct umark *um, const struct marker *m, const char *s,
	    size_t len);
/* The marker *um kept of text s. */
void	 umark_get(const struct umark *um, const char *s, struct marker *m);
/* The marker at the start of unit u (u->m). */
static inline void
unit_mark(const struct unit *u, struct marker *m)
{
	umark_get(&u->m, u->s, m);
}

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

/* The end class of a text whose last character (behind closers, notes
 * and a full stop's checks) is cp: END_STRONG after a stop (cp_is_stop),
 * END_WEAK after ；：，、; : , and END_NONE otherwise.  text_end and a
 * table's block_end both end with it. */
static inline int
cp_end_class(uint32_t cp)
{
	if (cp_is_stop(cp))
		return END_STRONG;
	if (cp == 0xFF1B || cp == 0xFF1A || cp == ';' || cp == ':' ||
	    cp == 0xFF0C || cp == 0x3001 || cp == ',')
		return END_WEAK;
	return END_NONE;
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
/* Is s[0..len) a field of a web page's metadata block (索引号: …,
 * 发布机构: | … |) or a breadcrumb (当前位置:首页>…)? */
int	 meta_line(const char *s, size_t len);
/* Must line a not run on into line b: a title above a sentence, a
 * slogan above a title? */
int	 title_break(const char *a, size_t alen, const char *b, size_t blen);
/* Is s[0..len) a line that stands alone: meta_line(), a 文号, a date,
 * a 版头 (XX文件), the organisations of a signature? */
int	 line_alone(const char *s, size_t len);
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
/* lexicon.c — conventions of Chinese official documents that both     */
/* front ends (outline.c, md.c) read the same way (docs/parsing.md)    */
/* ------------------------------------------------------------------ */

#define HEADING_MAX	50	/* code points of a heading at most */
#define NOTE_MAX	40	/* code points of a trailing note at most … */
#define NOTE_MAX_DUTY	120	/* … of one that names who does the work */

/* Is the note s[0..len) (inside its brackets, trailing a heading or an
 * item) an annotation wherever it stands: a programme and its number
 * (办实事项目25), who does the work (牵头单位：…，配合单位：…；XX负责；
 * XX牵头，YY参与), or a short label and its value (口径：按年,
 * 完成时限：6月底)?  Returns 0 when not, else the longest such note
 * allowed in code points (NOTE_MAX or NOTE_MAX_DUTY). */
int	 note_annotation(const char *s, size_t len);
/* Does marker m's style number headings by convention (一、 （一） (一)
 * 第一章 第一节 第一部分: GB/T 9704's first two levels and the
 * divisions of long texts), so that a unit it opens is a section even
 * when its heading runs on into its text? */
int	 marker_heading_style(const struct marker *m);
/* Is s[0..len) a heading by itself: at most HEADING_MAX code points,
 * no sentence stop (。！？；) inside? */
int	 heading_like(const char *s, size_t len);
/* The length of the title of a numbered heading s[0..len) that runs on
 * into its text (（一）加强组织领导。各区要…): its first sentence, or a
 * short lead-in before a colon (first_sentence); len for a heading by
 * itself.  *nostop is set when it is longer than a heading and holds
 * no stop at all, so that all of it is taken as the title. */
size_t	 heading_title(const char *s, size_t len, int *nostop);
/* Does s[0..len) hold a sentence stop (cp_is_stop, or ；)? */
int	 has_stop(const char *s, size_t len);
/* The warning for *nostop (id run-on-heading), with the heading's label
 * for %s. */
#define RUNON_MESSAGE	"heading \"%s\" runs on into its text without a " \
	"full stop: all of it is read as the title"

/* Is s[0..len) the heading of a table of contents (目录, 目 录)? */
int	 toc_heading(const char *s, size_t len);
/* The length of an entry of a table of contents s[0..len) without its
 * page number and leaders (一、主要职责……3 → 一、主要职责): what a heading
 * of the body repeats. */
size_t	 toc_entry_len(const char *s, size_t len);

enum { ATT_NONE, ATT_HEAD, ATT_LIST };
/* Does the line s[0..len) introduce attachments: ATT_HEAD for the
 * heading of one (附件, 附件1, 附件2：name, 附件一, 附表1), ATT_LIST for
 * the list of them at the end of the text (附件：1.…, 附件：name), else
 * ATT_NONE? */
int	 attachment_line(const char *s, size_t len);


/* Key figures (figures.c): the tables of docs/figures.md. */
/* The unit at the start of s[0..len) (longest: 个月 before 个), a
 * static string, *used its length; NULL when none. */
const char *fig_unit(const char *s, size_t len, size_t *used);
/* The qualifier or target word ending at s[end] (不少于, 达到, 控制在):
 * its comparator ("≥" "≤" "=" "≈"), *start its offset, *keep whether
 * it is part of the value as written (不少于 is, 达到 is not); NULL
 * when none. */
const char *fig_prefix(const char *s, size_t end, size_t *start, int *keep);
/* The qualifier at the start of s[0..len) (以上 以内 左右): its
 * comparator, *used its length; NULL when none. */
const char *fig_suffix(const char *s, size_t len, size_t *used);
/* Does s[0..len), after N年, make it a time frame or a date (内 来 时间
 * 底 前 度 …)? */
int	 fig_time_frame(const char *s, size_t len);
/* Length of a word at s that ends a subject read after its figure (a
 * verb: 开展 参加 赴 …), or 0. */
size_t	 fig_stop(const char *s, size_t len);
/* Is s[0..len) a head noun too general to be a subject alone (工程,
 * 政策, 标准)? */
int	 fig_generic_head(const char *s, size_t len);
/* Length of a word at s that opens a subject read before its figure
 * without being part of it (在 对 为 力争 累计 …), or 0. */
size_t	 fig_lead(const char *s, size_t len);
/* The end of a subject s[start..end) read before its figure once the
 * words linking it to the number (达到 控制在 均 可为 的 …) are
 * dropped from its end. */
size_t	 fig_link_end(const char *s, size_t start, size_t end);

/* ------------------------------------------------------------------ */
/* figures.c — key figures of items (docs/figures.md)                  */
/* ------------------------------------------------------------------ */

/* The figures of the text s[0..len) appended to *v (*n of them, *cap
 * allocated; free(*v) when done), strings in doc's arena and node
 * left NULL.  Linear in len but for each figure's subject and sentence
 * (bounded). */
void	 figures_scan(struct doc *, const char *s, size_t len,
	    struct figure **v, size_t *n, size_t *cap);

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

/* fold.c: the table scripts/tsvdata.sh makes from data/fold.tsv and
 * data/fold-extra.tsv, sorted by t (characters of U+0800..U+FFFF), and
 * a bit for each t (bit t % 8 of fold_bits[t / 8]), so that most
 * characters are passed over without the search. */
struct fold_pair {
	uint16_t	t, s;
};
extern const struct fold_pair	fold_table[];
extern const size_t		fold_ntable;
extern const unsigned char	fold_bits[65536 / 8];

/* load.c */
/* Parse "---\nkey: value\n---\n" at the start of text into doc (title,
 * year, org, kind, encoding→*enc, others into doc->extra).  Return the
 * number of bytes it spans (0 when there is none); *lines is set to
 * the number of lines it spans. */
size_t		 frontmatter_parse(struct doc *, const char *text, size_t len,
		    int *lines, const char **enc, struct diags *d);

#endif /* GEN_PARSE_INT_H */

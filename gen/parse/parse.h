/*
 * parse.h — the parse layer: a file (bytes in any encoding, plain text
 * or Markdown) → struct doc.  What the layers above use; the front
 * ends' internals are in parse_int.h.
 */
#ifndef GEN_PARSE_H
#define GEN_PARSE_H

#include "core/core.h"

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
/* Append the content file at path to out: at most [limits] file_size
 * bytes whatever the file is, not through a link leading outside the
 * content folder unless [build] follow_outside_links.  The one read of
 * a document for every command.  Return 0, or -1 after adding an error
 * to d. */
int		 doc_read(const char *path, const struct config *,
		    struct buf *out, struct diags *d);
/* figures.c: fill doc->figs from the text of every item and paragraph
 * of the body (not of a sub-point 一是…, whose text is its item's);
 * doc_parse() does, and a tree read back from elsewhere must.
 * docs/figures.md. */
void		 figures_doc(struct doc *);
/* The subject of a figure as an indicator, into out (reset first):
 * without bracketed parts, Latin letters, digits and years (2015年),
 * and without the link and lead words of lexicon.c at its ends; "" for
 * a figure without a subject.  docs/figures.md "the same indicator". */
void		 figure_indicator(const char *subject, struct buf *out);
/* Do a and b (of one organisation's documents) state the same
 * indicator: the same unit and the same figure_indicator(), not ""? */
int		 figure_same(const struct figure *a, const struct figure *b);
/* meta.c: does kind (a document's kind, 工作要点) plan a year (…要点,
 * …计划, …思路, …安排, …方案), or report on one (…情况, …总结, …报告,
 * …汇报)?  The one rule that pairs a plan with its report. */
int		 kind_is_plan(const char *kind);
int		 kind_is_report(const char *kind);
/* text.c: is cp a character cleaning removes: a control character (C0
 * but tab and line breaks, DEL, C1), the soft hyphen, a zero-width
 * character (U+200B-200D, U+2060, U+FEFF), a bidirectional control
 * (U+200E, U+200F, U+061C, U+202A-202E, U+2066-2069) or a noncharacter
 * (U+FDD0-FDEF, U+xxFFFE, U+xxFFFF)? */
int		 text_invisible(uint32_t cp);
/* Copy s[0..len) to out without those characters (tabs and line breaks
 * stay): what front matter, Markdown and a file name standing for a
 * title get; return the length left, out untouched when nothing was
 * removed. */
size_t		 text_strip(const char *s, size_t len, struct buf *out);
/* numeral.c: the value of a number as written, all of num: ASCII or
 * full-width digits, a Chinese numeral (十五, 一百零五, 一万, 二〇一五;
 * cn_numeral's reading), a circled or bracketed digit (① ❶ ⑴ ⒈).  -1
 * when num is not one number.  The one reading of numbers' values. */
int		 num_value(const char *num);
/* lexicon.c: the length of the family of annotation tag s[0..len): the
 * programme before its number, without blanks (办实事项目25 → 办实事项目);
 * len when the tag is not numbered or is all number. */
size_t		 tag_family_len(const char *s, size_t len);
/* org.c: the order of names in the lists a reader scans (organisations,
 * kinds): national bodies first, then by the administrative level of a
 * name's place (province, prefecture, county) and its GB/T 2260 code,
 * then names without a place; ties and names without a place in pinyin
 * order (data/pinyin.tsv), then bytewise.  <0, 0 or >0, as strcmp. */
int		 reader_cmp(const char *a, const char *b);
/* org.c: the full name organisation name (as written) bore in year:
 * its places by their full names (a name of a level alone, 市卫生计生
 * 委, takes the place named place, a division's full name, when it
 * ends in that level), its
 * body's short form expanded, then renamed forward or back to the name
 * of year by the dated renamings of data/org-aliases.tsv (市卫生计生委,
 * 2017, 北京市 → 北京市卫生和计划生育委员会; 2019 → 北京市卫生健康委员
 * 会); year 0 renames nothing.  In arena a; NULL when name is no body
 * or the body did not exist yet in year. */
char		*org_full_name(struct arena *a, const char *name, int year,
		    const char *place);

/* ------------------------------------------------------------------ */
/* fold.c — traditional characters read as simplified ones             */
/* ------------------------------------------------------------------ */

/* The simplified form of Han character cp (data/fold.tsv,
 * data/fold-extra.tsv), cp itself when it has none. */
uint32_t	 fold_cp(uint32_t cp);
/* Fold s[0..len) in place to simplified characters; its length and the
 * offsets of its characters stay. */
void		 fold_text(char *s, size_t len);

/* ------------------------------------------------------------------ */
/* status.c — what a report says became of a plan item                 */
/* ------------------------------------------------------------------ */

enum {
	STATUS_NONE,	/* 未提及: no match, or nothing said of progress */
	STATUS_DONE,	/* 已完成 */
	STATUS_MOSTLY,	/* 基本完成 */
	STATUS_ONGOING,	/* 推进中 */
	STATUS_LATE,	/* 滞后/未完成 */
	STATUS_MAX
};

/* The name of status st (未提及, 已完成, 基本完成, 推进中, 滞后/未完成);
 * "" when st is out of range. */
const char	*status_name(int st);
/* The status that report[0..rlen), the report's row or paragraph about
 * the plan item plan[0..plen), gives it (simplified or traditional
 * characters), with the sentence it was read from at *ev_off, *ev_len
 * in report (0, 0 for STATUS_NONE): negations (未完成, 尚未, 滞后)
 * first, 基本完成 before 完成; empty text, or text without a word of
 * progress (a row restating the task), is STATUS_NONE. */
int		 status_read(const char *plan, size_t plen, const char *report,
		    size_t rlen, size_t *ev_off, size_t *ev_len);
/* The length of the enumeration marker at s[i..len) (一是 … 十是,
 * （1）, (1), ① … ⑳) when s starts there or a clause ends before it
 * (。；，：！？、 a line break, a space), else 0: a paragraph's parts
 * (一是…二是…) are each about another commitment. */
size_t		 status_marker(const char *s, size_t len, size_t i);
/* Does a table's column name say its cells are the outcome of the
 * row's task (完成情况, 四季度完成情况描述, 进展情况, 落实情况, 工作评价),
 * so that the table is a plan and its report in one? */
int		 status_column(const char *name);

#endif /* GEN_PARSE_H */

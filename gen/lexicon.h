/*
 * lexicon.h — conventions of Chinese official documents (GB/T 9704-2012
 * and common practice) that both front ends, outline.c and md.c, read
 * the same way.  One home for each: lexicon.c.
 */
#ifndef GEN_LEXICON_H
#define GEN_LEXICON_H

#include <stddef.h>

struct marker;

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
 * itself.  *nostop is set when it is longer than a heading and no stop
 * ends its first sentence, so that all of it is taken as the title. */
size_t	 heading_title(const char *s, size_t len, int *nostop);
/* The warning for *nostop, with the heading's label for %s. */
#define RUNON_MESSAGE	"heading \"%s\" runs on into its text without a " \
	"full stop: all of it is read as the title [run-on-heading]"

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

#endif

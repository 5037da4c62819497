/*
 * load.c — one file to one struct doc: read, decode, front matter, then
 * the plain-text or Markdown front end.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parse_int.h"

/* Does path name a Markdown file? */
static int
is_markdown(const char *path)
{
	const char	*dot = strrchr(path, '.');

	return dot && (strcmp(dot, ".md") == 0 ||
	    strcmp(dot, ".markdown") == 0);
}

/* Return the length of the line at s (without its newline). */
static size_t
line_len(const char *s, const char *end)
{
	const char	*e = memchr(s, '\n', (size_t)(end - s));

	return e ? (size_t)(e - s) : (size_t)(end - s);
}

/* Is s[0..len) a front-matter fence "---" (trailing blanks allowed)? */
static int
is_fence(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r' ||
	    s[len - 1] == '\t'))
		len--;
	return len == 3 && memcmp(s, "---", 3) == 0;
}

/* Find "encoding:" in raw front matter before decoding; the fence and
 * keys are ASCII in every encoding gen detects without a BOM.  Return a
 * static or arena string, or NULL. */
static const char *
raw_encoding(struct doc *doc, const char *s, size_t len)
{
	const char	*end = s + len, *v;
	size_t		 n, vlen;

	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	n = line_len(s, end);
	if (!is_fence(s, n))
		return NULL;
	for (s += n + 1; s < end; s += n + 1) {
		n = line_len(s, end);
		if (is_fence(s, n))
			break;
		if (n > 9 && strncmp(s, "encoding:", 9) == 0) {
			v = s + 9;
			vlen = n - 9;
			while (vlen && (*v == ' ' || *v == '\t')) {
				v++;
				vlen--;
			}
			while (vlen && (v[vlen - 1] == ' ' ||
			    v[vlen - 1] == '\r' || v[vlen - 1] == '\t'))
				vlen--;
			return vlen ? arena_strndup(&doc->arena, v, vlen) :
			    NULL;
		}
	}
	return NULL;
}

/* Strip blanks and one pair of matching quotes from a value. */
static void
fm_value(const char **v, size_t *len)
{
	while (*len && ((*v)[0] == ' ' || (*v)[0] == '\t')) {
		(*v)++;
		(*len)--;
	}
	while (*len && ((*v)[*len - 1] == ' ' || (*v)[*len - 1] == '\t' ||
	    (*v)[*len - 1] == '\r'))
		(*len)--;
	if (*len >= 2 && ((*v)[0] == '"' || (*v)[0] == '\'') &&
	    (*v)[*len - 1] == (*v)[0]) {
		(*v)++;
		*len -= 2;
	}
}

/* Copy s[0..len) into doc's arena without the characters text.c
 * removes from the body too (text_strip()) and line breaks; a tab
 * becomes a space. */
static const char *
fm_strndup(struct doc *doc, const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;
	char		*out;
	size_t		 i, n = 0;

	len = text_strip(s, len, &b);
	out = arena_strndup(&doc->arena, b.data != NULL ? b.data : s, len);
	buf_free(&b);
	for (i = 0; i < len; i++)
		if (out[i] == '\t')
			out[n++] = ' ';
		else if (out[i] != '\r' && out[i] != '\n')
			out[n++] = out[i];
	out[n] = '\0';
	return out;
}

/* Parse front matter at the start of text into doc; return the bytes it
 * spans (0 when none) and its line count in *lines. */
size_t
frontmatter_parse(struct doc *doc, const char *text, size_t len, int *lines,
    const char **enc, struct diags *d)
{
	const char	*s = text, *end = text + len, *colon, *v;
	size_t		 n, klen, vlen, i;
	int		 line = 1, year;
	struct meta_kv	*kv;

	*lines = 0;
	n = line_len(s, end);
	if (!is_fence(s, n))
		return 0;
	for (s += n + 1, line = 2; s < end; s += n + 1, line++) {
		n = line_len(s, end);
		if (is_fence(s, n)) {
			*lines = line;
			s += n;
			if (s < end)
				s++;
			return (size_t)(s - text);
		}
		if (n == 0 || s[0] == '#')
			continue;
		if ((colon = memchr(s, ':', n)) == NULL) {
			diag_add_id(d, doc->source, line, 1, SEV_WARNING,
			    "front-matter", "front matter line is not \"key: value\"");
			continue;
		}
		klen = (size_t)(colon - s);
		v = colon + 1;
		vlen = n - klen - 1;
		fm_value(&v, &vlen);
		while (klen && (s[klen - 1] == ' ' || s[klen - 1] == '\t'))
			klen--;
		if (klen == 5 && strncmp(s, "title", 5) == 0)
			doc->title = fm_strndup(doc, v, vlen);
		else if (klen == 3 && strncmp(s, "org", 3) == 0)
			doc->org = fm_strndup(doc, v, vlen);
		else if (klen == 4 && strncmp(s, "kind", 4) == 0)
			doc->kind = fm_strndup(doc, v, vlen);
		else if (klen == 8 && strncmp(s, "encoding", 8) == 0) {
			if (enc)
				*enc = arena_strndup(&doc->arena, v, vlen);
		} else if (klen == 4 && strncmp(s, "year", 4) == 0) {
			for (i = 0, year = 0; i < vlen &&
			    ascii_isdigit(v[i]) && year < 100000; i++)
				year = year * 10 + (v[i] - '0');
			if (i != vlen || vlen != 4)
				diag_add(d, doc->source, line,
				    (int)(v - s) + 1, SEV_WARNING,
				    "year is not a four-digit number");
			else
				doc->year = year;
		} else if (klen > 0) {
			kv = arena_alloc(&doc->arena,
			    (doc->nextra + 1) * sizeof(*kv));
			if (doc->nextra)
				memcpy(kv, doc->extra,
				    doc->nextra * sizeof(*kv));
			kv[doc->nextra].key = fm_strndup(doc, s, klen);
			kv[doc->nextra].value = fm_strndup(doc, v, vlen);
			doc->extra = kv;
			doc->nextra++;
		}
	}
	diag_add(d, doc->source, 1, 1, SEV_ERROR,
	    "front matter is not closed by \"---\"");
	*lines = 0;
	return 0;
}

/* Check s against the limits on lines: none longer than maxlen bytes,
 * at most maxlines of them.  Return 0 when it keeps them; else add an
 * error naming the first line that breaks one to d and return -1. */
static int
lines_ok(const char *path, const char *s, size_t len,
    const struct config *cfg, struct diags *d)
{
	const char	*end = s + len, *nl;
	size_t		 line = 1;

	for (; s < end; s = nl + 1, line++) {
		if (line > cfg->max_lines) {
			diag_add(d, path, line > INT_MAX ? 0 : (int)line, 0,
			    SEV_ERROR, "more than %zu lines ([limits] lines)",
			    cfg->max_lines);
			return -1;
		}
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if ((size_t)(nl - s) > cfg->max_line_length) {
			diag_add(d, path, line > INT_MAX ? 0 : (int)line, 0,
			    SEV_ERROR, "line is longer than the limit of %zu "
			    "bytes ([limits] line_length)",
			    cfg->max_line_length);
			return -1;
		}
	}
	return 0;
}

/* Is path a symbolic link whose target lies outside cfg's content
 * folder (path itself under it)?  Then set *target (malloc'ed, the
 * target's real path, or NULL when it has none). */
static int
outside_link(const char *path, const struct config *cfg, char **target)
{
	struct stat	 st;
	size_t		 n = strlen(cfg->content_dir), m;
	char		*top;
	int		 out;

	*target = NULL;
	if (cfg->follow_outside_links || strncmp(path, cfg->content_dir, n) ||
	    path[n] != '/' || lstat(path, &st) == -1 || !S_ISLNK(st.st_mode))
		return 0;
	if ((*target = realpath(path, NULL)) == NULL)
		return 0;	/* a dangling link: the read says so */
	if ((top = realpath(cfg->content_dir, NULL)) == NULL)
		return 1;
	m = strlen(top);
	out = strncmp(*target, top, m) != 0 ||
	    ((*target)[m] != '/' && strcmp(top, "/") != 0);
	free(top);
	return out;
}

/* Append the content file at path to out, the one read every command
 * does: at most [limits] file_size bytes whatever the file is (a
 * device, FIFO or /proc file included), and not through a symbolic
 * link in the content folder that leads outside it unless [build]
 * follow_outside_links.  Return 0, or -1 after adding an error to d. */
int
doc_read(const char *path, const struct config *cfg, struct buf *out,
    struct diags *d)
{
	struct stat	 st;
	char		*target;
	int		 rc = -1;

	if (outside_link(path, cfg, &target)) {
		diag_add(d, path, 0, 0, SEV_ERROR, "symbolic link to %s, "
		    "outside the content folder: left out ([build] "
		    "follow_outside_links)", target);
		free(target);
		return -1;
	}
	free(target);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > cfg->max_file_size)
		diag_add(d, path, 0, 0, SEV_ERROR,
		    "file is %lld bytes, over the limit of %zu bytes "
		    "([limits] file_size)", (long long)st.st_size,
		    cfg->max_file_size);
	else if (file_read_max(path, cfg->max_file_size, out) == 0)
		rc = 0;
	else if (errno == EFBIG)
		diag_add(d, path, 0, 0, SEV_ERROR,
		    "file is over the limit of %zu bytes "
		    "([limits] file_size)", cfg->max_file_size);
	else
		diag_add(d, path, 0, 0, SEV_ERROR, "cannot read: %s",
		    strerror(errno));
	return rc;
}

/* Load one file into a document; NULL when it cannot be read or
 * decoded or breaks a limit (error added to d).  A file over the size
 * limit is not read. */
struct doc *
doc_load(const char *path, const struct config *cfg, struct diags *d)
{
	struct buf	 raw = BUF_INIT;
	struct doc	*doc;

	if (doc_read(path, cfg, &raw, d) == -1) {
		buf_free(&raw);
		return NULL;
	}
	doc = doc_parse(path, buf_cstr(&raw), raw.len, cfg, d);
	buf_free(&raw);
	return doc;
}

/* Parse len bytes of data as the file path (its name decides the
 * format); NULL when they cannot be decoded or break a limit (error
 * added to d).  data is not kept. */
struct doc *
doc_parse(const char *path, const char *data, size_t len,
    const struct config *cfg, struct diags *d)
{
	struct buf	 utf8 = BUF_INIT;
	struct doc	*doc;
	struct text	 text;
	const char	*want, *fmenc = NULL, *enc = "UTF-8";
	size_t		 off, i, nd = d->n;
	int		 fmlines;
	char		 err[256];

	if (len > cfg->max_file_size) {
		diag_add(d, path, 0, 0, SEV_ERROR,
		    "file is %zu bytes, over the limit of %zu bytes "
		    "([limits] file_size)", len, cfg->max_file_size);
		return NULL;
	}
	doc = doc_new(path);
	want = raw_encoding(doc, data, len);
	if (want == NULL)
		want = cfg->input_encoding;
	if (text_decode(path, data, len, want, &utf8, &enc, d) == -1) {
		buf_free(&utf8);
		doc_free(doc);
		return NULL;
	}
	if (lines_ok(path, buf_cstr(&utf8), utf8.len, cfg, d) == -1) {
		buf_free(&utf8);
		doc_free(doc);
		return NULL;
	}
	doc->encoding = enc;
	pii_scan(path, buf_cstr(&utf8), utf8.len, 1, d);
	if (utf8.len == 0)
		diag_add_id(d, path, 0, 0, SEV_WARNING, "empty-file",
		    "file is empty");
	off = frontmatter_parse(doc, buf_cstr(&utf8), utf8.len, &fmlines,
	    &fmenc, d);
	doc->fm_lines = fmlines;
	if (is_markdown(path)) {
		doc->format = "markdown";
		md_parse_max(doc, buf_cstr(&utf8) + off, utf8.len - off,
		    fmlines + 1, cfg->max_depth, d);
	} else {
		if (text_clean(doc, buf_cstr(&utf8) + off, utf8.len - off,
		    fmlines + 1, &text, d) == 0) {
			/* The lines are copies: the text goes before the
			 * tree is made (peak memory). */
			buf_free(&utf8);
			outline_parse_max(doc, &text, cfg->max_depth, d);
			meta_infer(doc, &text, d);
		}
	}
	buf_free(&utf8);
	figures_doc(doc);
	/* Warnings the document acknowledges (check-ignore: numbering-gap,
	 * mixed-delimiter): an official text is published as issued. */
	for (i = 0; i < doc->nextra; i++)
		if (strcmp(doc->extra[i].key, "check-ignore") == 0)
			diags_ignore(d, nd, doc->extra[i].value);
	if (tree_check(doc, err, sizeof(err)) == -1)
		diag_add(d, path, 0, 0, SEV_ERROR, "internal error: %s", err);
	return doc;
}

/*
 * config.c — config.ini: defaults for every key, then the file over
 * them.  A reader of our own: no line-length limit (libinih cuts long
 * Chinese values mid-character), UTF-8 checked, errors as
 * "config.ini:LINE: message".
 */
#include <errno.h>
#include <stddef.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"

enum ktype {
	K_STR,
	K_BOOL,
	K_SIZE,
	K_INT,
};

struct key {
	const char	*section;
	const char	*name;
	enum ktype	 type;
	size_t		 off;
};

#define OFF(f) offsetof(struct config, f)

static const struct key keys[] = {
	{ "site", "title", K_STR, OFF(title) },
	{ "site", "base_url", K_STR, OFF(base_url) },
	{ "site", "language", K_STR, OFF(lang) },
	{ "site", "meta_keys", K_STR, OFF(meta_keys) },
	{ "paths", "content", K_STR, OFF(content_dir) },
	{ "paths", "templates", K_STR, OFF(templates_dir) },
	{ "paths", "out", K_STR, OFF(out_dir) },
	{ "build", "input_encoding", K_STR, OFF(input_encoding) },
	{ "build", "strict", K_BOOL, OFF(strict) },
	{ "build", "drafts", K_BOOL, OFF(drafts) },
	{ "build", "pagefind", K_STR, OFF(pagefind) },
	{ "build", "follow_outside_links", K_BOOL,
	    OFF(follow_outside_links) },
	{ "limits", "file_size", K_SIZE, OFF(max_file_size) },
	{ "limits", "line_length", K_SIZE, OFF(max_line_length) },
	{ "limits", "lines", K_SIZE, OFF(max_lines) },
	{ "limits", "depth", K_INT, OFF(max_depth) },
	{ "print", "issuer", K_STR, OFF(print_issuer) },
	{ "print", "date", K_STR, OFF(print_date) },
	{ "print", "masthead", K_STR, OFF(print_masthead) },
	{ "print", "pdf", K_BOOL, OFF(print_pdf) },
	{ "print", "weasyprint", K_STR, OFF(weasyprint) },
	{ "print", "font_title", K_STR, OFF(font_title) },
	{ "print", "font_body", K_STR, OFF(font_body) },
	{ "print", "font_heading1", K_STR, OFF(font_heading1) },
	{ "print", "font_heading2", K_STR, OFF(font_heading2) },
	{ "print", "font_heading3", K_STR, OFF(font_heading3) },
	{ "limits", "output", K_SIZE, OFF(max_output) },
};

static void
set_str(char **p, const char *v, size_t len)
{
	free(*p);
	*p = v ? xstrndup(v, len) : NULL;
}

/* Set every key to its default value. */
void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->title = xstrdup("工作计划与完成情况");
	c->base_url = xstrdup("/");
	c->lang = xstrdup("zh-CN");
	c->content_dir = xstrdup("content");
	c->templates_dir = xstrdup("templates");
	c->builtin_dir = xstrdup(GEN_DATADIR "/templates");
	c->out_dir = xstrdup("out");
	c->input_encoding = NULL;
	c->strict = 0;
	c->max_file_size = 64u * 1024 * 1024;
	c->max_line_length = 1024u * 1024;
	c->max_lines = 1024u * 1024;
	c->max_depth = 32;
	c->max_output = CONFIG_MAX_OUTPUT;
}

/* Free every string of c. */
void
config_free(struct config *c)
{
	size_t	 i;

	free(c->path);
	free(c->builtin_dir);
	c->builtin_dir = NULL;
	for (i = 0; i < 2 * c->nparams; i++)
		free(c->params[i]);
	free(c->params);
	c->params = NULL;
	c->nparams = 0;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].type == K_STR) {
			char **p = (char **)((char *)c + keys[i].off);
			free(*p);
			*p = NULL;
		}
	c->path = NULL;
}

/* Trim ASCII blanks and U+3000 from both ends of [*s, *s+*len). */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0) {
		if ((*s)[0] == ' ' || (*s)[0] == '\t') {
			(*s)++;
			(*len)--;
		} else if (*len >= 3 && memcmp(*s, "\xE3\x80\x80", 3) == 0) {
			*s += 3;
			*len -= 3;
		} else
			break;
	}
	while (*len > 0) {
		const char *e = *s + *len;
		if (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')
			(*len)--;
		else if (*len >= 3 && memcmp(e - 3, "\xE3\x80\x80", 3) == 0)
			*len -= 3;
		else
			break;
	}
}

static int
parse_bool(const char *v, size_t len, int *out)
{
	static const char *const yes[] = { "1", "true", "yes", "on" };
	static const char *const no[] = { "0", "false", "no", "off" };
	size_t	 i;

	for (i = 0; i < 4; i++) {
		if (strlen(yes[i]) == len && strncasecmp(v, yes[i], len) == 0) {
			*out = 1;
			return 0;
		}
		if (strlen(no[i]) == len && strncasecmp(v, no[i], len) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* Parse a size such as 64M, 512k or 1048576; -1 when it is not one or
 * does not fit a size_t. */
static int
parse_size(const char *v, size_t len, size_t *out)
{
	unsigned long long	 n = 0, mul = 1;
	size_t			 i = 0;

	if (len == 0 || !ascii_isdigit(v[0]))
		return -1;
	for (; i < len && ascii_isdigit(v[i]); i++) {
		if (n > (1ULL << 50))
			return -1;
		n = n * 10 + (unsigned)(v[i] - '0');
	}
	if (i < len) {
		switch (v[i]) {
		case 'k': case 'K': mul = 1024; break;
		case 'm': case 'M': mul = 1024 * 1024; break;
		case 'g': case 'G': mul = 1024ULL * 1024 * 1024; break;
		default: return -1;
		}
		if (++i != len)
			return -1;
	}
	if (n > SIZE_MAX / mul)
		return -1;
	*out = (size_t)(n * mul);
	return 0;
}

/* Is v[0..len) a base_url: an absolute http(s) URL with a host, or an
 * absolute path ("/...", not "//host"), without control characters,
 * blanks, quotes, angle brackets or backslashes (it goes into
 * robots.txt lines, attributes and the feed)? */
static int
base_url_ok(const char *v, size_t len)
{
	size_t	 i, skip = 0;

	if (len >= 8 && strncasecmp(v, "https://", 8) == 0)
		skip = 8;
	else if (len >= 7 && strncasecmp(v, "http://", 7) == 0)
		skip = 7;
	else if (len == 0)
		return 1;	/* "/" */
	else if (v[0] != '/' || (len > 1 && v[1] == '/'))
		return 0;
	if (skip && (len == skip || v[skip] == '/'))
		return 0;	/* no host */
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] <= 0x20 || v[i] == 0x7F ||
		    v[i] == '"' || v[i] == '<' || v[i] == '>' ||
		    v[i] == '\\' || v[i] == '`' ||
		    ((unsigned char)v[i] == 0xC2 && i + 1 < len &&
		    (unsigned char)v[i + 1] >= 0x80 &&
		    (unsigned char)v[i + 1] <= 0x9F))
			return 0;
	return 1;
}

/* Apply one "name = value" of section; add an error on a bad key. */
static int
apply(struct config *c, const char *file, int line, const char *sec,
    size_t seclen, const char *k, size_t klen, const char *v, size_t vlen,
    struct diags *d)
{
	const struct key	*key;
	size_t			 i, sz;
	int			 b;
	void			*p;

	/* [params]: the site's own values, any key, the last one wins. */
	if (seclen == 6 && strncmp(sec, "params", 6) == 0) {
		for (i = 0; i < c->nparams; i++)
			if (strlen(c->params[2 * i]) == klen &&
			    strncmp(c->params[2 * i], k, klen) == 0)
				break;
		if (i == c->nparams) {
			c->params = xreallocarray(c->params,
			    2 * (c->nparams + 1), sizeof(*c->params));
			c->params[2 * i] = xstrndup(k, klen);
			c->params[2 * i + 1] = NULL;
			c->nparams++;
		}
		set_str(&c->params[2 * i + 1], v, vlen);
		return 0;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		key = &keys[i];
		if (strlen(key->section) == seclen &&
		    strncmp(key->section, sec, seclen) == 0 &&
		    strlen(key->name) == klen &&
		    strncmp(key->name, k, klen) == 0)
			break;
	}
	if (i == sizeof(keys) / sizeof(keys[0])) {
		diag_add(d, file, line, 0, SEV_ERROR, "unknown key [%.*s] %.*s",
		    (int)seclen, sec, (int)klen, k);
		return -1;
	}
	p = (char *)c + key->off;
	switch (key->type) {
	case K_STR:
		if (key->off == OFF(base_url) && !base_url_ok(v, vlen)) {
			char *q = xstrndup(v, vlen);
			for (i = 0; i < vlen; i++)
				if ((unsigned char)q[i] < 0x20 || q[i] == 0x7F)
					q[i] = '?';
			diag_add(d, file, line, 0, SEV_ERROR, "bad value for "
			    "base_url: \"%s\" (an http:// or https:// URL or "
			    "a path starting with /; no blank or control "
			    "character)", q);
			free(q);
			return -1;
		}
		if (key->off == OFF(input_encoding) && vlen == 0)
			set_str(p, NULL, 0);
		else
			set_str(p, v, vlen);
		if (key->off == OFF(base_url) &&
		    (vlen == 0 || v[vlen - 1] != '/')) {
			char **u = p;
			char *s = xmalloc(vlen + 2);
			memcpy(s, v, vlen);
			s[vlen] = '/';
			s[vlen + 1] = '\0';
			free(*u);
			*u = s;
		}
		return 0;
	case K_BOOL:
		if (parse_bool(v, vlen, &b) == -1)
			break;
		*(int *)p = b;
		return 0;
	case K_SIZE:
		if (parse_size(v, vlen, &sz) == -1 || sz == 0)
			break;
		*(size_t *)p = sz;
		return 0;
	case K_INT:
		if (parse_size(v, vlen, &sz) == -1 || sz == 0)
			break;
		if (key->off == OFF(max_depth) && sz > CONFIG_MAX_DEPTH) {
			diag_add(d, file, line, 0, SEV_ERROR, "bad value for "
			    "%s: \"%.*s\" (at most %d: deeper trees cannot "
			    "be rendered)", key->name, (int)vlen, v,
			    CONFIG_MAX_DEPTH);
			return -1;
		}
		*(int *)p = (int)sz;
		return 0;
	}
	diag_add(d, file, line, 0, SEV_ERROR, "bad value for %s: \"%.*s\"",
	    key->name, (int)vlen, v);
	return -1;
}

/* Read path over c's current values.  Return 0, or -1 after adding
 * errors "path:LINE: ..." to d (every bad line is reported). */
int
config_load(struct config *c, const char *path, struct diags *d)
{
	struct buf	 b = BUF_INIT;
	const char	*s, *e, *end, *sec = "", *eq, *k, *v;
	size_t		 seclen = 0, klen, vlen, len, bad;
	int		 line = 0, rc = 0;

	if (file_read(path, &b) == -1) {
		diag_add(d, path, 0, 0, SEV_ERROR, "cannot read: %s",
		    strerror(errno));
		buf_free(&b);
		return -1;
	}
	set_str(&c->path, path, strlen(path));
	s = buf_cstr(&b);
	end = s + b.len;
	if (b.len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	if ((bad = utf8_valid(s, (size_t)(end - s))) == (size_t)(end - s) &&
	    (e = memchr(s, '\0', (size_t)(end - s))) != NULL)
		bad = (size_t)(e - s);
	if (bad != (size_t)(end - s)) {
		const char *p;
		for (p = s; p < s + bad; p++)
			if (*p == '\n')
				line++;
		if (s[bad] == '\0')
			diag_add(d, path, line + 1, 0, SEV_ERROR,
			    "NUL byte (not a text file?)");
		else
			diag_add(d, path, line + 1, 0, SEV_ERROR,
			    "invalid UTF-8 byte 0x%02X", (unsigned char)s[bad]);
		buf_free(&b);
		return -1;
	}
	for (; s < end; s = e + 1) {
		line++;
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		len = (size_t)(e - s);
		trim(&s, &len);
		if (len == 0 || s[0] == '#' || s[0] == ';')
			continue;
		if (s[0] == '[') {
			if (s[len - 1] != ']') {
				diag_add(d, path, line, 0, SEV_ERROR,
				    "section header without ']'");
				rc = -1;
				continue;
			}
			sec = s + 1;
			seclen = len - 2;
			trim(&sec, &seclen);
			continue;
		}
		if ((eq = memchr(s, '=', len)) == NULL) {
			diag_add(d, path, line, 0, SEV_ERROR,
			    "expected \"key = value\"");
			rc = -1;
			continue;
		}
		k = s;
		klen = (size_t)(eq - s);
		trim(&k, &klen);
		v = eq + 1;
		vlen = len - (size_t)(v - s);
		trim(&v, &vlen);
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
			v++;
			vlen -= 2;
		}
		if (klen == 0) {
			diag_add(d, path, line, 0, SEV_ERROR, "empty key");
			rc = -1;
			continue;
		}
		if (apply(c, path, line, sec, seclen, k, klen, v, vlen, d))
			rc = -1;
	}
	buf_free(&b);
	return rc;
}

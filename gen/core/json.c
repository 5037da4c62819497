/*
 * json.c — read JSON into a struct value, through cJSON.
 *
 * cJSON does the parsing; this file turns its tree into values in the
 * caller's arena (object members keep their order), checks that the
 * text is UTF-8 and that nothing follows the value, and turns an error
 * position into "line:col: message".
 */
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "core/core_int.h"

/* Deeper JSON is refused: the conversion below recurses. */
#define JSON_MAX_DEPTH	512

/* Write "line:col: " for position off of text into err, then msg. */
static void
json_error(const char *text, size_t len, size_t off, const char *msg,
    char *err, size_t errlen)
{
	size_t	 i, bol = 0;
	int	 line = 1;

	if (off > len)
		off = len;
	for (i = 0; i < off; i++)
		if (text[i] == '\n') {
			line++;
			bol = i + 1;
		}
	if (errlen > 0)
		snprintf(err, errlen, "%d:%zu: %s", line,
		    utf8_count(text + bol, off - bol) + 1, msg);
}

/* Describe the byte at off for a syntax error. */
static const char *
json_what(const char *text, size_t len, size_t off, char *tmp, size_t tmplen)
{
	unsigned char	 c;

	if (off >= len)
		return "unexpected end of JSON";
	c = (unsigned char)text[off];
	if (c >= 0x21 && c < 0x7f)
		snprintf(tmp, tmplen, "JSON syntax error at '%c'", c);
	else
		snprintf(tmp, tmplen, "JSON syntax error at byte 0x%02x", c);
	return tmp;
}

/* The value of cJSON item j, built in arena a; depth bounds recursion.
 * Return NULL when the nesting is deeper than JSON_MAX_DEPTH. */
static struct value *
json_value(struct arena *a, const cJSON *j, int depth)
{
	struct value	*v, *m;
	const cJSON	*c;

	if (depth > JSON_MAX_DEPTH)
		return NULL;
	if (cJSON_IsNull(j))
		return value_null(a);
	if (cJSON_IsBool(j))
		return value_bool(a, cJSON_IsTrue(j));
	if (cJSON_IsNumber(j))
		return value_num(a, j->valuedouble);
	if (cJSON_IsString(j))
		return value_str(a, j->valuestring, strlen(j->valuestring));
	v = cJSON_IsArray(j) ? value_arr(a) : value_obj(a);
	for (c = j->child; c != NULL; c = c->next) {
		if ((m = json_value(a, c, depth + 1)) == NULL)
			return NULL;
		if (v->type == V_OBJ)
			value_set(a, v, c->string ? c->string : "", m);
		else
			value_push(v, m);
	}
	return v;
}

/* Parse text[0..len) as one JSON value into arena a.  Return it, or
 * NULL with "line:col: message" in err (errlen bytes). */
struct value *
json_parse(struct arena *a, const char *text, size_t len, char *err,
    size_t errlen)
{
	cJSON		*j;
	struct value	*v;
	const char	*end = NULL, *s = text;
	size_t		 off, n = len;
	char		 tmp[64];

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if ((off = utf8_valid(s, n)) < n) {
		json_error(text, len, (size_t)(s - text) + off,
		    "invalid UTF-8", err, errlen);
		return NULL;
	}
	j = cJSON_ParseWithLengthOpts(s, n, &end, 0);
	off = end != NULL && end >= s ? (size_t)(end - s) : 0;
	if (j == NULL) {
		json_error(text, len, (size_t)(s - text) + off,
		    json_what(s, n, off, tmp, sizeof(tmp)), err, errlen);
		return NULL;
	}
	while (off < n && ascii_isspace(s[off]))
		off++;
	if (off < n) {
		cJSON_Delete(j);
		json_error(text, len, (size_t)(s - text) + off,
		    "unexpected text after the JSON value", err, errlen);
		return NULL;
	}
	v = json_value(a, j, 0);
	cJSON_Delete(j);
	if (v == NULL)
		json_error(text, len, 0, "JSON nested too deeply", err,
		    errlen);
	return v;
}

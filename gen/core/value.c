/*
 * value.c — the JSON-shaped value shared by templates and JSON output.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"

static struct value *
value_new(struct arena *a, enum vtype type)
{
	struct value	*v = arena_alloc(a, sizeof(*v));

	v->type = type;
	return v;
}

/* A null value in arena a. */
struct value *
value_null(struct arena *a)
{
	return value_new(a, V_NULL);
}

/* A boolean value in arena a. */
struct value *
value_bool(struct arena *a, int b)
{
	struct value	*v = value_new(a, V_BOOL);

	v->b = b != 0;
	return v;
}

/* A number value in arena a. */
struct value *
value_num(struct arena *a, double n)
{
	struct value	*v = value_new(a, V_NUM);

	v->num = n;
	return v;
}

/* A string value; s[0..len) is copied into arena a. */
struct value *
value_str(struct arena *a, const char *s, size_t len)
{
	struct value	*v = value_new(a, V_STR);

	v->str = arena_strndup(a, s, len);
	v->len = len;
	return v;
}

/* A string value referring to s, which must outlive it and be
 * NUL-terminated at len. */
struct value *
value_str_ref(struct arena *a, const char *s, size_t len)
{
	struct value	*v = value_new(a, V_STR);

	v->str = s;
	v->len = len;
	return v;
}

/* A string value for the C string s (not copied), or null for NULL. */
struct value *
value_cstr(struct arena *a, const char *s)
{
	return s ? value_str_ref(a, s, strlen(s)) : value_null(a);
}

/* An empty array in arena a. */
struct value *
value_arr(struct arena *a)
{
	return value_new(a, V_ARR);
}

/* An empty object in arena a. */
struct value *
value_obj(struct arena *a)
{
	return value_new(a, V_OBJ);
}

/* Append v to arr; return v. */
struct value *
value_push(struct value *arr, struct value *v)
{
	v->next = NULL;
	if (arr->last)
		arr->last->next = v;
	else
		arr->first = v;
	arr->last = v;
	arr->len++;
	return v;
}

/* Make the empty array arr one whose len members g makes as they are
 * reached. */
void
value_arr_gen(struct value *arr, struct value_gen *g, size_t len)
{
	arr->gen = g;
	arr->len = len;
	arr->first = arr->last = NULL;
}

/* The first member of arr (made now when arr is made by a value_gen),
 * or NULL. */
const struct value *
value_first(const struct value *arr)
{
	if (arr->gen != NULL)
		return arr->len > 0 ? arr->gen->next(arr->gen, NULL) : NULL;
	return arr->first;
}

/* The member of arr after m (made now when arr is made by a
 * value_gen), or NULL. */
const struct value *
value_next(const struct value *arr, const struct value *m)
{
	if (arr->gen != NULL)
		return arr->gen->next(arr->gen, m);
	return m->next;
}

/* value_set()'s end: append key (copied) = v to obj, v->khash being
 * set; return v. */
struct value *
value_set_copy(struct arena *a, struct value *obj, const char *key,
    struct value *v)
{
	v->key = arena_strdup(a, key);
	return value_push(obj, v);
}

/* Are a[0..n) and b[0..n) the same bytes?  As value_key_hash() reads
 * them: the first and last eight (or four) bytes, then the middle. */
static int
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t	 x, y, z, w;
	uint32_t	 x4, y4, z4, w4;
	size_t		 i;

	if (n >= 8) {
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&z, a + i, 8);
			memcpy(&w, b + i, 8);
			if (z != w)
				return 0;
		}
		return x == y;
	}
	if (n >= 4) {
		memcpy(&x4, a, 4);
		memcpy(&y4, b, 4);
		memcpy(&z4, a + n - 4, 4);
		memcpy(&w4, b + n - 4, 4);
		return x4 == y4 && z4 == w4;
	}
	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* Member k of obj (the first of that name), or NULL: by hash and
 * length, then by text. */
const struct value *
value_get_key(const struct value *obj, const struct value_key *k)
{
	const struct value	*v;

	if (obj == NULL || obj->type != V_OBJ)
		return NULL;
	for (v = obj->first; v != NULL; v = v->next)
		if (v->khash == k->hash && v->klen == k->len &&
		    same_bytes(v->key, k->name, k->len))
			return v;
	return NULL;
}

/* Member key[0..keylen) of obj (the first of that name), or NULL. */
const struct value *
value_get(const struct value *obj, const char *key, size_t keylen)
{
	struct value_key	 k;

	k.name = key;
	k.len = (uint32_t)keylen;
	k.hash = value_key_hash(key, keylen);
	return value_get_key(obj, &k);
}

/* Mustache truthiness, as in mustache.js: null, false, 0, "" and []
 * are false; everything else is true. */
int
value_truthy(const struct value *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case V_NULL:
		return 0;
	case V_BOOL:
		return v->b;
	case V_NUM:
		return v->num != 0;
	case V_STR:
		return v->len > 0;
	case V_ARR:
		return v->len > 0;
	case V_OBJ:
		return 1;
	}
	return 0;
}

/* Append n in its shortest round-trip form ("85", "1.21"). */
void
num_text(double n, struct buf *out)
{
	char	 tmp[64];
	int	 prec;

	if (isnan(n) || isinf(n)) {
		buf_puts(out, "null");
		return;
	}
	if (n == floor(n) && fabs(n) < 1e15) {
		/* Integers, by far the common case (line numbers, counts),
		 * without printf. */
		long long	 i = (long long)n;
		unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i :
		    (unsigned long long)i;
		char		*p = tmp + sizeof(tmp);

		*--p = '\0';
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u > 0);
		if (i < 0)
			*--p = '-';
		buf_puts(out, p);
		return;
	}
	for (prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, n);
		if (strtod(tmp, NULL) == n)
			break;
	}
	buf_puts(out, tmp);
}

/* Append v as Mustache interpolation shows it, unescaped. */
void
value_text(const struct value *v, struct buf *out)
{
	if (v == NULL)
		return;
	switch (v->type) {
	case V_NULL:
		break;
	case V_BOOL:
		buf_puts(out, v->b ? "true" : "false");
		break;
	case V_NUM:
		num_text(v->num, out);
		break;
	case V_STR:
		buf_put(out, v->str, v->len);
		break;
	case V_ARR:
	case V_OBJ:
		value_json(v, out, 0);
		break;
	}
}

/* Append s as a JSON string literal. */
void
json_string(const char *s, size_t len, struct buf *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t		  i, n = 0, start = 0;
	unsigned char	  c;
	uint32_t	  cp;

	buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\')
			continue;
		if (c >= 0x80) {
			/* Han runs, then most CJK: three bytes, not
			 * E2 80 A8/A9. */
			if ((n = utf8_han_run(s, len, i)) > i) {
				i = n - 1;
				continue;
			}
			if (len - i >= 3 && c - 0xE3u <= 0xEFu - 0xE3u &&
			    c != 0xED && (((unsigned char)s[i + 1] ^ 0x80u) |
			    ((unsigned char)s[i + 2] ^ 0x80u)) < 0x40) {
				i += 2;
				continue;
			}
			n = utf8_decode_mb(s + i, len - i, &cp);
			if (n > 0 && cp != 0x2028 && cp != 0x2029) {
				i += n - 1;
				continue;
			}
		}
		buf_put(out, s + start, i - start);
		switch (c) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\t': buf_puts(out, "\\t"); break;
		case '\r': buf_puts(out, "\\r"); break;
		default:
			if (c < 0x80) {
				buf_puts(out, "\\u00");
				buf_putc(out, hex[c >> 4]);
				buf_putc(out, hex[c & 15]);
			} else if (n == 0)	/* not UTF-8: U+FFFD */
				buf_puts(out, "\\ufffd");
			else {			/* U+2028, U+2029 */
				buf_puts(out, cp == 0x2028 ? "\\u2028" :
				    "\\u2029");
				i += n - 1;
			}
		}
		start = i + 1;
	}
	buf_put(out, s + start, len - start);
	buf_putc(out, '"');
}

static void
indent_to(struct buf *out, int indent, int depth)
{
	static const char spaces[] = "                                ";
	size_t		  n;

	if (indent <= 0)
		return;
	buf_putc(out, '\n');
	for (n = (size_t)indent * (size_t)depth; n > 0; ) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		buf_put(out, spaces, k);
		n -= k;
	}
}

static void
json_write(const struct value *v, struct buf *out, int indent, int depth)
{
	const struct value	*m;
	size_t			 n;

	switch (v->type) {
	case V_NULL:
		buf_puts(out, "null");
		break;
	case V_BOOL:
		buf_puts(out, v->b ? "true" : "false");
		break;
	case V_NUM:
		num_text(v->num, out);
		break;
	case V_STR:
		json_string(v->str, v->len, out);
		break;
	case V_ARR:
	case V_OBJ:
		buf_putc(out, v->type == V_ARR ? '[' : '{');
		n = 0;
		for (m = value_first(v); m != NULL; m = value_next(v, m)) {
			if (n++ > 0)
				buf_putc(out, ',');
			indent_to(out, indent, depth + 1);
			if (v->type == V_OBJ) {
				json_string(m->key, strlen(m->key), out);
				buf_puts(out, indent > 0 ? ": " : ":");
			}
			json_write(m, out, indent, depth + 1);
		}
		if (n > 0)
			indent_to(out, indent, depth);
		buf_putc(out, v->type == V_ARR ? ']' : '}');
		break;
	}
}

/* Append v as JSON, pretty-printed with indent spaces when indent > 0.
 * Depth is bounded by how values are built (no cycles). */
void
value_json(const struct value *v, struct buf *out, int indent)
{
	json_write(v, out, indent, 0);
}

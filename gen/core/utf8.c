/*
 * utf8.c — strict UTF-8 and the character classes gen needs.
 */
#include <string.h>

#include "core/core_int.h"

/* Decode one code point; return bytes used (1-4), or 0 on invalid
 * (overlong, surrogate, > U+10FFFF, truncated), setting *cp = U+FFFD. */
size_t
utf8_decode_mb(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)str;
	uint32_t		 c;
	size_t			 n, i;

	*cp = 0xFFFD;
	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* Encode cp (invalid ones as U+FFFD); return the bytes written. */
size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Return the length of the longest valid UTF-8 prefix of s. */
size_t
utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	uint32_t		 cp;
	uint64_t		 v;
	size_t			 i = 0, n;

	while (i < len) {
		/* Eight ASCII bytes at a time. */
		if (len - i >= 8) {
			memcpy(&v, s + i, 8);
			if ((v & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_run3(str, len, i)) > i) {
			i = n;
			continue;
		}
		if ((n = utf8_decode_mb(str + i, len - i, &cp)) == 0)
			break;
		i += n;
	}
	return i;
}

/* Append s[0..len) to out as valid UTF-8 text for display: each byte
 * that is not part of a valid sequence becomes U+FFFD, control
 * characters (C0 but tab, DEL, C1) are left out. */
void
utf8_clean(struct buf *out, const char *s, size_t len)
{
	size_t		 i = 0, from = 0, n;
	uint32_t	 cp;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) != 0 &&
		    (cp == '\t' || (cp >= 0x20 && cp < 0x7F) || cp >= 0xA0)) {
			i += n;
			continue;
		}
		buf_put(out, s + from, i - from);
		if (n == 0) {
			buf_put(out, "\xEF\xBF\xBD", 3);
			n = 1;
		}
		i += n;
		from = i;
	}
	buf_put(out, s + from, len - from);
}

/* Return the number of code points (an invalid byte counts as one). */
size_t
utf8_count(const char *s, size_t len)
{
	uint32_t	 cp;
	size_t		 i = 0, n, count = 0;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
		count++;
	}
	return count;
}

/* Is cp a Han ideograph? */
int
cp_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x20000 && cp <= 0x3134F) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

/* Is cp Han, CJK punctuation, kana, or a full-width form? */
int
cp_is_cjk(uint32_t cp)
{
	return cp_is_han(cp) ||
	    (cp >= 0x3000 && cp <= 0x30FF) ||	/* CJK punctuation, kana */
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||	/* full-width forms */
	    (cp >= 0x2E80 && cp <= 0x2FDF) ||	/* radicals */
	    (cp >= 0x3200 && cp <= 0x33FF) ||	/* enclosed, compatibility */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||	/* compatibility forms */
	    cp == 0x2014 || cp == 0x2026 ||	/* — … */
	    (cp >= 0x2018 && cp <= 0x201F) ||	/* curly quotes */
	    (cp >= 0x2460 && cp <= 0x24FF);	/* ① … */
}

/* Is cp white space (ASCII blanks, NBSP, ideographic and typographic
 * spaces, zero-width space)? */
int
cp_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
	    cp == 0xFEFF;
}

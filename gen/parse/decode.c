/*
 * decode.c — the bytes of a file, in whatever encoding it came, to
 * UTF-8 with its line breaks kept one for one.  The only file that
 * includes iconv.h.
 *
 * Detection, when no encoding is asked for: a byte-order mark (UTF-8,
 * UTF-16LE/BE, UTF-32LE/BE), then strict UTF-8, then UTF-16 without a
 * BOM by where its NUL bytes fall, then GB18030 through iconv.  Known
 * binary formats (PNG, PDF, ZIP, ...) and NUL bytes are refused as "not
 * a text file".
 */
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <string.h>

#include "parse/parse_int.h"

/* ---- Encoding names ---- */

/*
 * Names gen knows, keyed by the name in upper case without '-', '_',
 * '.' or blanks; name is the canonical spelling, also given to iconv.
 */
static const struct encname {
	const char	*key;
	const char	*name;
} encnames[] = {
	{ "UTF8", "UTF-8" },
	{ "UTF16", "UTF-16" },
	{ "UTF16LE", "UTF-16LE" },
	{ "UTF16BE", "UTF-16BE" },
	{ "UCS2", "UTF-16" },
	{ "UCS2LE", "UTF-16LE" },
	{ "UCS2BE", "UTF-16BE" },
	{ "UTF32", "UTF-32" },
	{ "UTF32LE", "UTF-32LE" },
	{ "UTF32BE", "UTF-32BE" },
	{ "GB18030", "GB18030" },
	{ "GBK", "GBK" },
	{ "CP936", "GBK" },
	{ "WINDOWS936", "GBK" },
	{ "GB2312", "GB2312" },
	{ "EUCCN", "GB2312" },
	{ "HZ", "HZ" },
	{ "BIG5", "BIG5" },
	{ "CP950", "BIG5" },
	{ "BIG5HKSCS", "BIG5-HKSCS" },
	{ "EUCTW", "EUC-TW" },
	{ "ASCII", "ASCII" },
	{ "USASCII", "ASCII" },
	{ "LATIN1", "ISO-8859-1" },
	{ "ISO88591", "ISO-8859-1" },
	{ "CP1252", "WINDOWS-1252" },
	{ "WINDOWS1252", "WINDOWS-1252" },
	{ "SHIFTJIS", "SHIFT_JIS" },
	{ "SJIS", "SHIFT_JIS" },
	{ "CP932", "CP932" },
	{ "EUCJP", "EUC-JP" },
	{ "EUCKR", "EUC-KR" },
	{ "CP949", "CP949" },
};

/* Other names iconv accepted, kept for the life of the process so that
 * *enc can stay a static string. */
#define ENC_POOL	32
#define ENC_NAMELEN	48
static char		 enc_pool[ENC_POOL][ENC_NAMELEN];
static size_t		 enc_npool;
static pthread_mutex_t	 enc_lock = PTHREAD_MUTEX_INITIALIZER;

/* Is c a character of an encoding's name (IANA's: letters, digits and
 * - _ . : + ( ), and the blanks and quotes a key drops)? */
static int
enc_name_char(char c)
{
	return ascii_isalnum(c) || (c != '\0' && strchr("-_.:+() \"'", c));
}

/* Write the lookup key of name (upper case, no punctuation or quotes)
 * to key; return 0, or -1 when name is empty, too long or holds a
 * character no encoding's name has (iconv would ignore some). */
static int
enc_key(const char *name, char *key, size_t size)
{
	size_t	 n = 0;

	for (; *name != '\0'; name++) {
		if (!enc_name_char(*name))
			return -1;
		if (*name == '-' || *name == '_' || *name == '.' ||
		    *name == ' ' || *name == '"' || *name == '\'')
			continue;
		if (n + 1 >= size)
			return -1;
		key[n++] = (char)(ascii_isalpha(*name) ?
		    (*name & ~0x20) : *name);
	}
	key[n] = '\0';
	return n ? 0 : -1;
}

/* Return the canonical static spelling of want, or NULL when neither
 * gen nor iconv knows it. */
static const char *
enc_canonical(const char *want)
{
	char		 key[ENC_NAMELEN], upper[ENC_NAMELEN];
	const char	*found = NULL;
	size_t		 i, n;
	iconv_t		 cd;

	if (enc_key(want, key, sizeof(key)) == -1)
		return NULL;
	for (i = 0; i < sizeof(encnames) / sizeof(encnames[0]); i++)
		if (strcmp(encnames[i].key, key) == 0)
			return encnames[i].name;
	if ((n = strlen(want)) >= sizeof(upper))
		return NULL;
	for (i = 0; i <= n; i++)
		upper[i] = (char)(ascii_isalpha(want[i]) && want[i] >= 'a' ?
		    want[i] - 'a' + 'A' : want[i]);
	if ((cd = iconv_open("UTF-8", upper)) == (iconv_t)-1)
		return NULL;
	iconv_close(cd);
	pthread_mutex_lock(&enc_lock);
	for (i = 0; i < enc_npool && found == NULL; i++)
		if (strcmp(enc_pool[i], upper) == 0)
			found = enc_pool[i];
	if (found == NULL && enc_npool < ENC_POOL) {
		memcpy(enc_pool[enc_npool], upper, n + 1);
		found = enc_pool[enc_npool++];
	}
	pthread_mutex_unlock(&enc_lock);
	return found;
}

/* The iconv decoder for the canonical name: GB2312 and GBK text is
 * read as GB18030, their superset, as the WHATWG Encoding Standard
 * does (files labelled GB2312 often hold GBK characters). */
static const char *
enc_decoder(const char *name)
{
	if (strcmp(name, "GB2312") == 0 || strcmp(name, "GBK") == 0)
		return "GB18030";
	return name;
}

/* ---- Positions and messages ---- */

/* Set *line and *col (1-based; col in code points) of byte off of the
 * text s, whose line breaks are LF, CRLF or a lone CR. */
static void
text_position(const char *s, size_t off, int *line, int *col)
{
	size_t	 i, start = 0;
	int	 n = 1;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' &&
		    (i + 1 >= off || s[i + 1] != '\n'))) {
			n++;
			start = i + 1;
		}
	}
	*line = n;
	*col = (int)utf8_count(s + start, off - start) + 1;
}

/* Return what a known binary format at the start of s is, or NULL. */
static const char *
binary_magic(const char *s, size_t len)
{
	static const struct {
		const char	*magic;
		size_t		 len;
		const char	*what;
	} magics[] = {
		{ "\x89PNG\r\n\x1a\n", 8, "a PNG image" },
		{ "%PDF-", 5, "a PDF document" },
		{ "PK\x03\x04", 4, "a ZIP archive (.docx, .xlsx?)" },
		{ "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
		    "an Office 97 document (.doc, .xls?)" },
		{ "GIF87a", 6, "a GIF image" },
		{ "GIF89a", 6, "a GIF image" },
		{ "\xFF\xD8\xFF", 3, "a JPEG image" },
		{ "{\\rtf", 5, "an RTF document" },
		{ "\x1F\x8B", 2, "a gzip file" },
		{ "\x7F" "ELF", 4, "an executable" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (len >= magics[i].len &&
		    memcmp(s, magics[i].magic, magics[i].len) == 0)
			return magics[i].what;
	return NULL;
}

/* Add "not a text file" for a NUL at byte off; return -1. */
static int
err_nul(struct diags *d, const char *path, size_t off)
{
	diag_add(d, path, 0, 0, SEV_ERROR,
	    "not a text file (NUL byte at offset %zu)", off);
	return -1;
}

/* ---- UTF-8 ---- */

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/* Return the length of the longest prefix of s that is strict UTF-8
 * without a NUL byte.  Eight ASCII bytes are checked at a time. */
static size_t
utf8_scan(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, e;
	uint64_t		 v;
	unsigned		 c, c1;

	while (i < len) {
		if (len - i >= 8) {
			memcpy(&v, s + i, 8);
			if (((v | (v - ONES)) & HIGHS) == 0) {
				i += 8;
				continue;
			}
		}
		c = s[i];
		if (c < 0x80) {
			if (c == 0)
				return i;
			i++;
			continue;
		}
		if ((e = utf8_run3(str, len, i)) > i) {
			i = e;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (len - i < 2 || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			if (len - i < 3)
				return i;
			c1 = s[i + 1];
			if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
			    (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F))
				return i;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (len - i < 4)
				return i;
			c1 = s[i + 1];
			if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
			    (s[i + 3] & 0xC0) != 0x80 ||
			    (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
				return i;
			i += 4;
		} else
			return i;
	}
	return len;
}

/* The number of multi-byte sequences in the valid UTF-8 s[0..len).
 * GB18030 text fails UTF-8 within a few characters; text that fails
 * after many is UTF-8 with a bad byte, never to be read as GB18030. */
static size_t
utf8_sequences(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		n += (unsigned char)s[i] >= 0xC2;
	return n;
}

/* ---- UTF-16 ---- */

/* Guess UTF-16 without a BOM from where NUL bytes fall in the first
 * 64 KiB: 'L' for little-endian, 'B' for big-endian, 0 for neither. */
static int
utf16_guess(const char *s, size_t len)
{
	size_t	 n = len < 65536 ? len : 65536, i, zeven = 0, zodd = 0;

	if (len % 2 != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] == '\0') {
			if (i % 2)
				zodd++;
			else
				zeven++;
		}
	if (zodd > 0 && zodd > 4 * zeven)
		return 'L';
	if (zeven > 0 && zeven > 4 * zodd)
		return 'B';
	return 0;
}

/* Decode UTF-16 (big-endian when be; data starts at byte skip of the
 * file) appended to out as UTF-8.  Return 0, or -1 after adding an
 * error at the line:col of the bad unit. */
static int
utf16_decode(const char *path, const char *data, size_t len, size_t skip,
    int be, struct buf *out, struct diags *d)
{
	const unsigned char	*s = (const unsigned char *)data;
	size_t			 base = out->len, i;
	uint32_t		 u = 0, lo;
	int			 line, col;
	char			*o;

	buf_grow(out, len / 2 * 3 + 4);
	o = out->data + out->len;
	for (i = 0; i + 1 < len; i += 2) {
		u = be ? (uint32_t)s[i] << 8 | s[i + 1] :
		    (uint32_t)s[i + 1] << 8 | s[i];
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			lo = be ? (uint32_t)s[i + 2] << 8 | s[i + 3] :
			    (uint32_t)s[i + 3] << 8 | s[i + 2];
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 2;
			}
		}
		if (u == 0) {
			out->len = (size_t)(o - out->data);
			out->data[out->len] = '\0';
			return err_nul(d, path, skip + i);
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			break;
		o += utf8_encode(u, o);
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
	if (i >= len)
		return 0;
	text_position(out->data + base, out->len - base, &line, &col);
	if (i + 1 >= len)
		diag_add(d, path, line, col, SEV_ERROR,
		    "odd number of bytes in UTF-16%s text",
		    be ? "BE" : "LE");
	else
		diag_add(d, path, line, col, SEV_ERROR,
		    "invalid UTF-16%s unit 0x%04X (unpaired surrogate)",
		    be ? "BE" : "LE", (unsigned)u);
	return -1;
}

/* ---- iconv ---- */

/*
 * Convert data from the iconv encoding from to UTF-8 appended to out.
 * Return 0; -1 with *bad set to the offset of the first byte that
 * could not be converted (out then holds the text before it); or -2
 * when iconv does not know from.
 */
static int
iconv_to_utf8(const char *from, const char *data, size_t len,
    struct buf *out, size_t *bad)
{
	iconv_t	 cd;
	char	*in = (char *)data, *o;
	size_t	 inleft = len, oleft, r;
	int	 rc = 0;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return -2;
	buf_grow(out, len + len / 2 + 16);
	for (;;) {
		o = out->data + out->len;
		oleft = out->cap - out->len - 1;
		r = inleft ? iconv(cd, &in, &inleft, &o, &oleft) :
		    iconv(cd, NULL, NULL, &o, &oleft);
		out->len = (size_t)(o - out->data);
		if (r != (size_t)-1 && inleft == 0) {
			if (in == NULL)
				break;
			in = NULL;	/* then flush a shift state */
			continue;
		}
		if (r == (size_t)-1 && errno == E2BIG) {
			buf_grow(out, inleft * 2 + 64);
			continue;
		}
		*bad = in != NULL ? (size_t)(in - data) : len;
		rc = -1;
		break;
	}
	out->data[out->len] = '\0';
	iconv_close(cd);
	return rc;
}

/* ---- Decoding ---- */

/* The encoding a byte-order mark at s names (its length in *bomlen),
 * or NULL. */
static const char *
bom_encoding(const char *s, size_t len, size_t *bomlen)
{
	if (len >= 4 && memcmp(s, "\xFF\xFE\0\0", 4) == 0) {
		*bomlen = 4;
		return "UTF-32LE";
	}
	if (len >= 4 && memcmp(s, "\0\0\xFE\xFF", 4) == 0) {
		*bomlen = 4;
		return "UTF-32BE";
	}
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		*bomlen = 3;
		return "UTF-8";
	}
	if (len >= 2 && memcmp(s, "\xFF\xFE", 2) == 0) {
		*bomlen = 2;
		return "UTF-16LE";
	}
	if (len >= 2 && memcmp(s, "\xFE\xFF", 2) == 0) {
		*bomlen = 2;
		return "UTF-16BE";
	}
	*bomlen = 0;
	return NULL;
}

/* Decode data (from byte skip of the file on) as the canonical
 * encoding enc, said to be so by a BOM or by the user (why).  Return 0,
 * or -1 after adding an error. */
static int
decode_as(const char *path, const char *data, size_t len, size_t skip,
    const char *enc, const char *why, struct buf *out, struct diags *d)
{
	size_t	 base = out->len, ok, bad = 0;
	int	 line, col, rc;
	char	*nul;

	if (strcmp(enc, "UTF-8") == 0) {
		if ((ok = utf8_scan(data, len)) == len) {
			buf_put(out, data, len);
			return 0;
		}
		if (data[ok] == '\0')
			return err_nul(d, path, skip + ok);
		text_position(data, ok, &line, &col);
		diag_add(d, path, line, col, SEV_ERROR,
		    "invalid byte 0x%02X (not UTF-8, %s)",
		    (unsigned char)data[ok], why);
		return -1;
	}
	if (strcmp(enc, "UTF-16LE") == 0 || strcmp(enc, "UTF-16BE") == 0)
		return utf16_decode(path, data, len, skip, enc[6] == 'B', out,
		    d);
	rc = iconv_to_utf8(enc_decoder(enc), data, len, out, &bad);
	if (rc == -2) {
		diag_add(d, path, 0, 0, SEV_ERROR,
		    "encoding \"%s\" is not supported by iconv", enc);
		return -1;
	}
	if (rc == -1) {
		text_position(out->data + base, out->len - base, &line, &col);
		out->len = base;
		out->data[base] = '\0';
		diag_add(d, path, line, col, SEV_ERROR,
		    "invalid byte 0x%02X (not %s, %s)",
		    bad < len ? (unsigned char)data[bad] : 0, enc, why);
		return -1;
	}
	if ((nul = memchr(out->data + base, '\0', out->len - base)) != NULL) {
		text_position(out->data + base, (size_t)(nul - out->data) - base,
		    &line, &col);
		diag_add(d, path, line, col, SEV_ERROR,
		    "not a text file (NUL character)");
		return -1;
	}
	return 0;
}

/* When data opens with a byte-order mark, decode it by the mark (*enc
 * its encoding) and return 0 or -1; else 1.  The mark wins over any
 * encoding asked for. */
static int
by_bom(const char *path, const char *data, size_t len, struct buf *out,
    const char **enc, struct diags *d)
{
	const char	*bom;
	size_t		 bomlen;

	if ((bom = bom_encoding(data, len, &bomlen)) == NULL)
		return 1;
	*enc = bom;
	return decode_as(path, data + bomlen, len - bomlen, bomlen, bom,
	    "by its byte-order mark", out, d);
}

/* Decode data, asked to be want (from --input-encoding or front
 * matter).  A byte-order mark wins over want.  Return 0 or -1. */
static int
decode_wanted(const char *path, const char *data, size_t len,
    const char *want, struct buf *out, const char **enc, struct diags *d)
{
	const char	*name;
	int		 guess, rc;

	if ((name = enc_canonical(want)) == NULL) {
		const char	*w;

		for (w = want; *w != '\0' && enc_name_char(*w); w++)
			continue;
		diag_add(d, path, 0, 0, SEV_ERROR,
		    "unknown encoding %s%s%s (from front matter or "
		    "--input-encoding; try UTF-8, GB18030, GBK, UTF-16LE, "
		    "BIG5)", *w == '\0' ? "\"" : "", *w == '\0' ? want :
		    "(its name has characters other than letters, digits "
		    "and -_.:+())", *w == '\0' ? "\"" : "");
		return -1;
	}
	if ((rc = by_bom(path, data, len, out, enc, d)) != 1)
		return rc;
	if (strcmp(name, "UTF-16") == 0) {
		guess = utf16_guess(data, len);
		name = guess == 'B' ? "UTF-16BE" : "UTF-16LE";
	} else if (strcmp(name, "UTF-32") == 0)
		name = "UTF-32BE";
	*enc = name;
	return decode_as(path, data, len, 0, name, "the encoding asked for",
	    out, d);
}

/* Decode data (len bytes of path) to UTF-8 appended to out; detect the
 * encoding unless want names one; *enc is a static name.  Return 0, or
 * -1 after adding an error at the line:col of the first bad byte. */
int
text_decode(const char *path, const char *data, size_t len, const char *want,
    struct buf *out, const char **enc, struct diags *d)
{
	const char	*what;
	size_t		 ok, bad = 0, base = out->len;
	int		 guess, line, col, rc;

	buf_put(out, "", 0);
	*enc = "UTF-8";
	if (len == 0)
		return 0;
	if ((what = binary_magic(data, len)) != NULL) {
		diag_add(d, path, 0, 0, SEV_ERROR,
		    "not a text file (looks like %s)", what);
		return -1;
	}
	if (want != NULL && *want != '\0')
		return decode_wanted(path, data, len, want, out, enc, d);
	if ((rc = by_bom(path, data, len, out, enc, d)) != 1)
		return rc;
	if ((ok = utf8_scan(data, len)) == len) {
		buf_put(out, data, len);
		return 0;
	}
	if (data[ok] == '\0' || memchr(data + ok, '\0', len - ok) != NULL) {
		if ((guess = utf16_guess(data, len)) == 0)
			return err_nul(d, path, (size_t)((const char *)
			    memchr(data, '\0', len) - data));
		*enc = guess == 'B' ? "UTF-16BE" : "UTF-16LE";
		return utf16_decode(path, data, len, 0, guess == 'B', out, d);
	}
	*enc = "GB18030";
	if (utf8_sequences(data, ok) >= 16)
		rc = -3;	/* broken UTF-8, not GB18030 */
	else if ((rc = iconv_to_utf8("GB18030", data, len, out, &bad)) == 0)
		return 0;
	/* Neither: report the byte of the decoding that got further. */
	if (rc == -1 && bad > ok)
		text_position(out->data + base, out->len - base, &line, &col);
	else {
		text_position(data, ok, &line, &col);
		bad = ok;
	}
	out->len = base;
	out->data[base] = '\0';
	diag_add(d, path, line, col, SEV_ERROR,
	    "invalid byte 0x%02X (tried UTF-8, GB18030)",
	    (unsigned char)data[bad]);
	return -1;
}
